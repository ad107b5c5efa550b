import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def content_type_follows(apps, schema_editor):
    """Permissions granted on notifications keep pointing at the same model."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="messagerie", model="notification").exists():
        ContentType.objects.filter(app_label="jumelage", model="notification").update(
            app_label="messagerie")


def content_type_returns(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="jumelage", model="notification").exists():
        ContentType.objects.filter(app_label="messagerie", model="notification").update(
            app_label="jumelage")


class Migration(migrations.Migration):
    """The outbox's table, renamed by jumelage 0006, enters this app's state as it is."""

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("jumelage", "0006_notification_moves_to_messagerie"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Notification',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('compte', 'Compte'), ('membre_bienvenue', "Confirmation d'inscription"), ('membres_resume', 'Résumé des nouveaux membres'), ('membre_refuse', 'Inscription refusée'), ('rappel_conservation', 'Rappel avant archivage'), ('invitation', 'Invitation à un projet'), ('rappel_invitation', "Rappel d'invitation"), ('reponse_equipe', "Réponse d'un membre à l'équipe"), ('observation', "Observation d'un membre sur sa proposition"), ('demandes_resume', 'Résumé des demandes de jumelage'), ('invitation_equipe', 'Invitation dans une équipe'), ('projet_retourne', "Projet retourné à l'équipe"), ('projet_publie', 'Projet publié'), ('inscription_formation', 'Inscription à une formation'), ('rappel_seance', 'Rappel de séance'), ('place_liberee', 'Place libérée'), ('retombees', "Retombées d'un projet"), ('heures_contestees', "Heures contestées par l'équipe"), ('evaluation', "Questionnaire d'évaluation")], max_length=30, verbose_name='type')),
                        ('email', models.EmailField(max_length=254, verbose_name='courriel')),
                        ('language', models.CharField(choices=[('fr-ca', 'Français'), ('en', 'English')], default='fr-ca', max_length=5, verbose_name='langue')),
                        ('subject', models.CharField(max_length=250, verbose_name='objet')),
                        ('body_text', models.TextField(verbose_name='texte')),
                        ('body_html', models.TextField(blank=True, verbose_name='HTML')),
                        ('attachments', models.JSONField(blank=True, default=list, editable=False)),
                        ('dedup_key', models.CharField(blank=True, editable=False, max_length=150, null=True, unique=True)),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='créée le')),
                        ('sending_since', models.DateTimeField(blank=True, editable=False, null=True)),
                        ('sent_at', models.DateTimeField(blank=True, db_index=True, null=True, verbose_name='envoyée le')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='tentatives')),
                        ('last_error', models.TextField(blank=True, verbose_name='dernière erreur')),
                        ('recipient', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL, verbose_name='destinataire')),
                    ],
                    options={
                        'verbose_name': 'notification',
                        'verbose_name_plural': 'notifications',
                        'ordering': ['-created_at'],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_type_follows, content_type_returns),
    ]
