from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_migrate, pre_delete
from django.utils.translation import gettext_lazy as _


class CommunauteConfig(AppConfig):
    name = "communaute"
    verbose_name = _("Communauté")

    def ready(self):
        from allauth.account.signals import user_logged_in
        from allauth.mfa.signals import authenticator_added, authenticator_used

        from communaute import privacy  # noqa: F401 registers this app's personal records
        from communaute.models import HealthTopic, Member
        from communaute.second_factor import second_factor_passed
        from communaute.signals import (
            ensure_coordination_group,
            record_login_activity,
            topic_deleted,
            topics_changed,
        )

        # Without a sender: it runs after each app, so the last run sees every permission.
        post_migrate.connect(ensure_coordination_group, dispatch_uid="coordination_group")
        user_logged_in.connect(record_login_activity, dispatch_uid="member_login_activity")
        authenticator_used.connect(second_factor_passed, dispatch_uid="second_factor_used")
        authenticator_added.connect(second_factor_passed, dispatch_uid="second_factor_added")
        m2m_changed.connect(topics_changed, sender=Member.health_topics.through,
                            dispatch_uid="member_topics_mask")
        pre_delete.connect(topic_deleted, sender=HealthTopic, dispatch_uid="topic_flag_freed")
