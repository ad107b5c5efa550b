"""Fictional demonstration data: every name here is invented."""

from datetime import timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt, encrypt
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accompagnement import services as accompaniment
from accompagnement.enums import SupportKind
from accompagnement.models import Phase, SupportRequest
from communaute.enums import (
    AgeRange,
    ConsentKind,
    ContinuumStep,
    Domain,
    InterfaceLanguage,
    Language,
    MemberKind,
    MemberStatus,
    Modality,
    OrgLevel,
)
from communaute.models import Consent, HealthTopic, Member, Region, RetentionPolicy, User
from communaute.roles import COORDINATION_GROUP
from communaute.services import consent_record
from coordination.management.commands._demo_echanges import (
    seed_activities,
    seed_resources,
    seed_stories,
)
from formation.enums import CompletionStatus, EnrolmentStatus
from formation.models import Completion, Course, Enrolment, Session
from jumelage.engine import rank
from jumelage.enums import PairingStatus
from jumelage.models import MatchingConfig
from jumelage.services import (
    compensation_record,
    hours_confirm,
    hours_declare,
    pairing_accept,
    pairing_approve,
    pairing_end,
    pairing_propose,
    project_contribution_share,
    project_express_interest,
)
from mentorat import services as mentoring
from mentorat.models import Mentoring, MentoringRequest
from recrutement.enums import Compensation, EstablishmentKind, ProjectStatus, TeamKind, TeamStatus
from recrutement.models import Establishment, MatchRequest, Project, Team, TeamMembership
from recrutement.services import project_close, project_mark_filled

DEMO_PASSWORD = "demo-ruisss-2026"
MEMBER_EMAIL = "membre@demo.ruisss.ca"
TEAM_EMAIL = "equipe@demo.ruisss.ca"
COORDINATOR_EMAIL = "coordination@demo.ruisss.ca"
# The demo coordinator's second factor, published so that anyone trying the demo can log
# in: an authenticator app (or `oathtool --totp -b SECRET`) given this secret shows the
# codes, and the recovery codes derive from this seed (allauth.mfa).
DEMO_TOTP_SECRET = "RUISSSULDEMOCOORDINATIONTOTPDEMO"
DEMO_RECOVERY_SEED = "ruisss-ul-demonstration-codes-de-recuperation"
CONSENT_VERSION = "2026-01"

MEMBERS = [
    # email, name, kinds, region code, domains, continuum, topics, modality, hours
    (MEMBER_EMAIL, "Ginette Lachance-Roy", [MemberKind.CAREGIVER], "03",
     [Domain.RESEARCH, Domain.CARE], ContinuumStep.COLLABORATION,
     ["Vieillissement", "Maladie chronique"], Modality.HYBRID, 6),
    ("rejean.tessier@demo.ruisss.ca", "Réjean Tessier", [MemberKind.PATIENT], "12",
     [Domain.CARE, Domain.GOVERNANCE], ContinuumStep.PARTNERSHIP,
     ["Cancer"], Modality.IN_PERSON, 8),
    ("amina.kabore@demo.ruisss.ca", "Amina Kaboré", [MemberKind.CITIZEN], "03",
     [Domain.TEACHING, Domain.POLICY], ContinuumStep.CONSULTATION,
     ["Jeunesse"], Modality.REMOTE, 3),
    ("lucie.vaillancourt@demo.ruisss.ca", "Lucie Vaillancourt",
     [MemberKind.PATIENT, MemberKind.CAREGIVER], "01",
     [Domain.RESEARCH], ContinuumStep.PARTNERSHIP, ["Maladie rare"], Modality.REMOTE, 10),
    ("jocelyn.berube@demo.ruisss.ca", "Jocelyn Bérubé-Nadeau", [MemberKind.PATIENT], "11",
     [Domain.CARE, Domain.TEACHING], ContinuumStep.COLLABORATION,
     ["Santé mentale", "Dépendances"], Modality.REMOTE, 4),
    ("therese.ouellet@demo.ruisss.ca", "Thérèse Ouellet", [MemberKind.CAREGIVER], "09",
     [Domain.GOVERNANCE, Domain.POLICY], ContinuumStep.PARTNERSHIP,
     ["Soins palliatifs et de fin de vie"], Modality.HYBRID, 5),
    ("kevin.stonge@demo.ruisss.ca", "Kevin St-Onge", [MemberKind.CITIZEN], "12",
     [Domain.RESEARCH, Domain.TEACHING], ContinuumStep.INFORMATION, [], Modality.REMOTE, 2),
    ("mireille.dufresne@demo.ruisss.ca", "Mireille Dufresne", [MemberKind.PATIENT], "03",
     [Domain.RESEARCH, Domain.CARE], ContinuumStep.COLLABORATION,
     ["Maladie chronique", "Handicap"], Modality.IN_PERSON, 6),
    ("samuel.ashini@demo.ruisss.ca", "Samuel Ashini", [MemberKind.CITIZEN, MemberKind.CAREGIVER],
     "09", [Domain.GOVERNANCE, Domain.CARE], ContinuumStep.COLLABORATION,
     ["Santé des Premières Nations et des Inuit"], Modality.HYBRID, 4),
    ("noemie.larouche@demo.ruisss.ca", "Noémie Larouche", [MemberKind.PATIENT], "01",
     [Domain.TEACHING], ContinuumStep.CONSULTATION, ["Périnatalité"], Modality.REMOTE, 3),
]

TEAMS = [
    ("Équipe de recherche en vieillissement actif", TeamKind.RESEARCH,
     ("Centre de recherche en santé durable (démo)", EstablishmentKind.RESEARCH_CENTRE, "03")),
    ("Équipe clinique d'oncologie ambulatoire", TeamKind.CLINICAL,
     ("CISSS de démonstration de Chaudière-Appalaches", EstablishmentKind.CISSS, "12")),
    ("Comité de direction de la qualité", TeamKind.DECISION,
     ("CIUSSS de démonstration de la Capitale-Nationale", EstablishmentKind.CIUSSS, "03")),
]

PROJECTS = [
    # team index, title, summary, domain, step, level, kinds, topics, modality, status
    (0, "Comité de citoyen(ne)s pour une étude sur la mobilité des aîné(e)s",
     "Participez à la conception d'une étude sur la mobilité des personnes aînées à domicile.",
     Domain.RESEARCH, ContinuumStep.COLLABORATION, OrgLevel.MESO,
     [MemberKind.CITIZEN, MemberKind.CAREGIVER, MemberKind.PATIENT], ["Vieillissement"],
     Modality.HYBRID, ProjectStatus.RECRUITING),
    (1, "Patient(e)s partenaires pour améliorer la trajectoire en oncologie",
     "Aidez l'équipe clinique à repenser l'accueil des personnes atteintes de cancer.",
     Domain.CARE, ContinuumStep.PARTNERSHIP, OrgLevel.MICRO,
     [MemberKind.PATIENT, MemberKind.CAREGIVER], ["Cancer"], Modality.IN_PERSON,
     ProjectStatus.PUBLISHED),
    (2, "Siège citoyen au comité de gouvernance de la qualité",
     "Un siège au comité qui suit les indicateurs de qualité de l'établissement.",
     Domain.GOVERNANCE, ContinuumStep.PARTNERSHIP, OrgLevel.MACRO,
     [MemberKind.CITIZEN, MemberKind.PATIENT, MemberKind.CAREGIVER], [], Modality.HYBRID,
     ProjectStatus.PUBLISHED),
    (0, "Témoignages pour la formation des futur(e)s médecins",
     "Partagez votre expérience de soins avec des étudiant(e)s en médecine.",
     Domain.TEACHING, ContinuumStep.CONSULTATION, OrgLevel.MESO,
     [MemberKind.PATIENT, MemberKind.CAREGIVER], ["Maladie chronique"], Modality.REMOTE,
     ProjectStatus.PUBLISHED),
    (2, "Groupe de travail sur l'accès aux soins en maladies rares",
     "Contribuez aux recommandations d'un groupe de travail provincial.",
     Domain.POLICY, ContinuumStep.COLLABORATION, OrgLevel.MACRO,
     [MemberKind.PATIENT, MemberKind.CAREGIVER, MemberKind.CITIZEN], ["Maladie rare"],
     Modality.REMOTE, ProjectStatus.SUBMITTED),
    (1, "Révision des dépliants d'accueil en oncologie",
     "Relisez avec l'équipe les documents remis aux personnes nouvellement diagnostiquées.",
     Domain.CARE, ContinuumStep.CONSULTATION, OrgLevel.MICRO,
     [MemberKind.PATIENT, MemberKind.CAREGIVER], ["Cancer"], Modality.REMOTE,
     ProjectStatus.DRAFT),
    (0, "Atelier de cocréation d'un guide pour les proches aidant(e)s",
     "Trois ateliers pour cocréer un guide destiné aux proches aidant(e)s d'aîné(e)s.",
     Domain.TEACHING, ContinuumStep.COLLABORATION, OrgLevel.MESO,
     [MemberKind.CAREGIVER], ["Vieillissement"], Modality.HYBRID, ProjectStatus.RETURNED),
    (1, "Patient partners for an English-language cancer support group",
     "Help the clinical team shape support sessions for English-speaking patients and families.",
     Domain.CARE, ContinuumStep.COLLABORATION, OrgLevel.MICRO,
     [MemberKind.PATIENT, MemberKind.CAREGIVER], ["Cancer"], Modality.REMOTE,
     ProjectStatus.PUBLISHED),
]
# Projects are shown in the language they are written in.
WRITTEN_IN_ENGLISH = {"Patient partners for an English-language cancer support group"}

ESTABLISHMENTS_EN = {
    "Centre de recherche en santé durable (démo)": "Sustainable Health Research Centre (demo)",
    "CISSS de démonstration de Chaudière-Appalaches":
        "Chaudière-Appalaches demonstration CISSS",
    "CIUSSS de démonstration de la Capitale-Nationale":
        "Capitale-Nationale demonstration CIUSSS",
    "Maison communautaire des aîné(e)s (démo)": "Seniors' Community House (demo)",
}


def ensure_user(email, name, **extra):
    user, created = User.objects.get_or_create(
        email=email, defaults={"display_name": name, "legal_name": name, **extra})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(user=user, email=email,
                                       defaults={"verified": True, "primary": True})
    return user


def ensure_second_factor(user) -> tuple[str, str | None]:
    """Give `user` the demo authenticator and recovery codes, unless they have their own;
    return the TOTP secret in use and one recovery code still unused (None if none)."""
    totp, _ = Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP,
        defaults={"data": {"secret": encrypt(DEMO_TOTP_SECRET)}})
    codes, _ = Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.RECOVERY_CODES,
        defaults={"data": {"seed": encrypt(DEMO_RECOVERY_SEED), "used_mask": 0}})
    unused = codes.wrap().get_unused_codes()
    return decrypt(totp.data["secret"]), unused[0] if unused else None


def accounts_text(secret: str, recovery_code: str | None) -> str:
    recovery = (f"code de récupération (une fois) : {recovery_code}" if recovery_code
                else "plus de code de récupération : régénérez-les dans /comptes/2fa/")
    return f"""
  Comptes de démonstration (mot de passe : {DEMO_PASSWORD})
    membre :          {MEMBER_EMAIL}
    membre d'équipe : {TEAM_EMAIL}
    coordination :    {COORDINATOR_EMAIL}
      puis le second facteur, au choix :
        code d'une application d'authentification configurée avec le secret
          {secret}   (ou : oathtool --totp -b {secret})
        {recovery}
"""


class Command(BaseCommand):
    help = "Charge les données de démonstration (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        regions = {region.code: region for region in Region.objects.all()}
        topics = {topic.name: topic for topic in HealthTopic.objects.all()}
        now = timezone.now()

        coordinator = ensure_user(COORDINATOR_EMAIL, "Francine Aubut-Demers", is_staff=True)
        coordinator.groups.add(Group.objects.get(name=COORDINATION_GROUP))
        second_factor = ensure_second_factor(coordinator)

        module_101 = Course.objects.get(slug="module-101-fondements")
        for index, row in enumerate(MEMBERS):
            email, name, kinds, code, domains, step, topic_names, modality, hours = row
            user = ensure_user(email, name)
            member, created = Member.objects.get_or_create(user=user, defaults={
                "status": MemberStatus.ACTIVE, "kinds": kinds, "age_range": AgeRange.FROM_50,
                "region": regions[code], "municipality": "Québec" if code == "03" else "Rimouski",
                "languages": [Language.FRENCH] + ([Language.ENGLISH] if index % 3 == 0 else []),
                "domains": domains, "continuum_max": step, "modality": modality,
                "hours_per_month": hours, "max_projects": 2,
                "consent_matching": True, "consent_sensitive": bool(topic_names),
                "activated_at": now, "created_at": now - timedelta(days=30 * (index + 1)),
            })
            if created:
                member.health_topics.set([topics[t] for t in topic_names])
                Consent.objects.create(member=member, kind=ConsentKind.MATCHING, given=True,
                                       text_version=CONSENT_VERSION)
                if topic_names:
                    Consent.objects.create(member=member, kind=ConsentKind.SENSITIVE, given=True,
                                           text_version=CONSENT_VERSION)
                if index % 2 == 0:
                    Completion.objects.get_or_create(
                        course=module_101, user=user,
                        defaults={"status": CompletionStatus.CONFIRMED,
                                  "confirmed_by": coordinator})

        teams = []
        for index, (team_name, kind, (est_name, est_kind, code)) in enumerate(TEAMS):
            establishment, _ = Establishment.objects.get_or_create(
                name=est_name, defaults={"kind": est_kind, "region": regions[code],
                                         "name_en": ESTABLISHMENTS_EN[est_name]})
            team, _ = Team.objects.get_or_create(name=team_name, defaults={
                "kind": kind, "establishment": establishment, "status": TeamStatus.VERIFIED,
                "verified_at": now})
            email = TEAM_EMAIL if index == 0 else f"equipe{index + 1}@demo.ruisss.ca"
            lead = ensure_user(email, ["Isabelle Morin-Lapierre", "Hugo Desrosiers",
                                       "Annie Plourde-Samson"][index])
            TeamMembership.objects.get_or_create(team=team, user=lead,
                                                 defaults={"role_title": "Chercheur(-euse)"})
            teams.append((team, lead))

        for team_index, title, summary, domain, step, level, kinds, topic_names, modality, \
                status in PROJECTS:
            team, lead = teams[team_index]
            english = title in WRITTEN_IN_ENGLISH
            project, created = Project.objects.get_or_create(title=title, team=team, defaults={
                "summary": summary,
                "description": summary + (
                    " Meetings take place once a month; travel costs are reimbursed." if english
                    else " Les rencontres ont lieu une fois par mois; "
                         "les frais de déplacement sont remboursés."),
                "main_domain": domain, "continuum_step": step, "org_level": level,
                "kinds_sought": kinds, "people_sought": 3, "modality": modality,
                "written_in": InterfaceLanguage.ENGLISH if english else InterfaceLanguage.FRENCH,
                "languages": [Language.ENGLISH if english else Language.FRENCH],
                "hours_per_month": 4, "duration": "12 months" if english else "12 mois",
                "meeting_rhythm": "One meeting a month" if english else "Une rencontre par mois",
                "compensation": Compensation.HOURLY if team_index % 2 == 0
                else Compensation.EXPENSES,
                "contact_name": lead.display_name, "contact_email": lead.email,
                "interest_deadline": (now + timedelta(days=45)).date(),
                # The project being recruited for starts later: its accepted engagement
                # waits for that day.
                "starts_on": (now + timedelta(days=60)).date()
                if status == ProjectStatus.RECRUITING else None,
                "status": status, "created_by": lead,
                "return_comment": "Précisez le nombre d'ateliers et leur durée, s'il vous plaît."
                if status == ProjectStatus.RETURNED else "",
                "published_at": now if status in (ProjectStatus.PUBLISHED,
                                                  ProjectStatus.RECRUITING) else None,
            })
            if created:
                project.health_topics.set([topics[t] for t in topic_names])
                if modality != Modality.REMOTE:
                    project.regions.set([team.establishment.region])
                if step >= ContinuumStep.COLLABORATION:
                    project.required_courses.set([module_101])
                if status == ProjectStatus.RECRUITING:
                    MatchRequest.objects.create(project=project, people_count=3,
                                                needed_by=(now + timedelta(days=21)).date(),
                                                note="Idéalement des personnes de la région.",
                                                created_by=lead)

        for course in Course.objects.exclude(format="asynchrone"):
            if not course.sessions.exists():
                starts = (now + timedelta(days=14)).replace(hour=13, minute=30, second=0,
                                                            microsecond=0)
                Session.objects.create(
                    course=course, starts_at=starts,
                    ends_at=starts + timedelta(minutes=course.duration_minutes),
                    place="Pavillon de démonstration, Québec" if course.format == "presentiel"
                    else "", link="https://visio.example/ruisss" if course.format == "en_ligne"
                    else "", capacity=20, registration_deadline=starts - timedelta(days=2))

        self.seed_community_life(coordinator, regions, now)
        members = list(Member.objects.filter(user__email__endswith="@demo.ruisss.ca",
                                             status=MemberStatus.ACTIVE).order_by("pk"))
        seed_resources(now)
        seed_activities(now, regions, members, teams_lead())
        seed_stories(now, members, coordinator)
        self.stdout.write(self.style.SUCCESS("Données de démonstration prêtes."))
        self.stdout.write(accounts_text(*second_factor))

    def seed_community_life(self, coordinator, regions, now):
        """A pending member, a team awaiting verification, pairings at each step, trainings
        with a waiting list: what coordinators, teams and members meet on a normal day."""
        RetentionPolicy.current()
        MatchingConfig.load()

        pending = ensure_user("paulette.gagne-rioux@demo.ruisss.ca", "Paulette Gagné-Rioux")
        Member.objects.get_or_create(user=pending, defaults={
            "status": MemberStatus.PENDING, "kinds": [MemberKind.CITIZEN],
            "age_range": AgeRange.FROM_65, "region": regions["03"], "municipality": "Lévis",
            "languages": [Language.FRENCH], "domains": [Domain.CARE],
            "continuum_max": ContinuumStep.CONSULTATION, "consent_matching": True})

        establishment, _ = Establishment.objects.get_or_create(
            name="Maison communautaire des aîné(e)s (démo)",
            defaults={"kind": EstablishmentKind.COMMUNITY, "region": regions["01"],
                      "name_en": ESTABLISHMENTS_EN["Maison communautaire des aîné(e)s (démo)"]})
        team, _ = Team.objects.get_or_create(
            name="Comité des usagers (démo)",
            defaults={"kind": TeamKind.DECISION, "establishment": establishment})
        lead = ensure_user("equipe4@demo.ruisss.ca", "Véronique Thibodeau-Lainé")
        TeamMembership.objects.get_or_create(team=team, user=lead,
                                             defaults={"role_title": "Présidente"})

        demo_member = Member.objects.get(user__email=MEMBER_EMAIL)
        if not demo_member.consents.filter(kind=ConsentKind.CONFIDENTIALITY).exists():
            consent_record(member=demo_member, kind=ConsentKind.CONFIDENTIALITY, given=True)

        recruiting = Project.objects.filter(status=ProjectStatus.RECRUITING).first()
        if recruiting and not recruiting.pairings.exists():
            match_request = recruiting.match_requests.first()
            candidates = [c.member for c in rank(recruiting, limit=3)]
            for member in candidates:
                pairing = pairing_approve(
                    pairing=pairing_propose(project=recruiting, member=member,
                                            match_request=match_request),
                    by=coordinator)
                if member != demo_member and member == candidates[-1]:
                    pairing_accept(pairing=pairing, confidentiality=True)

        self.seed_past_engagement(demo_member, coordinator, now)
        self.seed_support(coordinator, now)
        self.seed_plan(recruiting)
        self.seed_mentoring(coordinator, now)

        published = Project.objects.filter(status=ProjectStatus.PUBLISHED).order_by("pk")
        teaching = published.filter(main_domain=Domain.TEACHING).first()
        if teaching and not teaching.match_requests.exists():
            MatchRequest.objects.create(project=teaching, people_count=2,
                                        needed_by=(now - timedelta(days=3)).date(),
                                        note="Pour la rentrée d'automne.",
                                        created_by=teaching.created_by)
        care = published.filter(main_domain=Domain.CARE).first()
        interested = Member.objects.get(user__email="rejean.tessier@demo.ruisss.ca")
        if care and not care.pairings.filter(member=interested).exists():
            project_express_interest(project=care, member=interested,
                                     message="J'ai été suivi en oncologie pendant deux ans.")

        asynchronous = Course.objects.get(slug="amelioration-continue-qualite")
        if not asynchronous.link:
            asynchronous.link = "https://formation.example/amelioration-continue"
            asynchronous.save(update_fields=["link"])
        Completion.objects.get_or_create(
            course=asynchronous, user=Member.objects.get(
                user__email="amina.kabore@demo.ruisss.ca").user,
            defaults={"status": CompletionStatus.DECLARED})

        module_101_session = Session.objects.filter(course__slug="module-101-fondements").first()
        if module_101_session:
            Enrolment.objects.get_or_create(session=module_101_session, user=demo_member.user)
        small = Course.objects.get(slug="module-201-gestion")
        if not small.sessions.filter(capacity=1).exists():
            starts = (now + timedelta(days=30)).replace(hour=9, minute=0, second=0,
                                                        microsecond=0)
            session = Session.objects.create(
                course=small, starts_at=starts, ends_at=starts + timedelta(hours=6),
                place="Salle de démonstration, Rimouski", capacity=1,
                registration_deadline=starts - timedelta(days=3))
            Enrolment.objects.create(session=session, user=lead)
            Enrolment.objects.create(session=session, user=teams_lead(),
                                     status=EnrolmentStatus.WAITING)

    def seed_past_engagement(self, member, coordinator, now):
        """An engagement already over: hours confirmed and pending, a questionnaire to
        answer, a payment, and the outcome the team shared."""
        project = Project.objects.filter(main_domain=Domain.GOVERNANCE).first()
        if project is None or project.pairings.filter(member=member).exists():
            return
        pairing = pairing_approve(pairing=pairing_propose(project=project, member=member),
                                  by=coordinator)
        pairing = pairing_accept(pairing=pairing)
        lead = project.team.memberships.first().user
        first = hours_declare(pairing=pairing, hours=Decimal("6"),
                              worked_on=(now - timedelta(days=40)).date(),
                              note="Deux rencontres du comité.")
        hours_confirm(declaration=first, by=lead)
        hours_declare(pairing=pairing, hours=Decimal("3"),
                      worked_on=(now - timedelta(days=10)).date(), note="Lecture des documents.")
        compensation_record(pairing=pairing, amount=Decimal("150.00"),
                            paid_on=(now - timedelta(days=5)).date(), by=coordinator)
        pairing_end(pairing=pairing, feedback="Une belle collaboration.")
        project_mark_filled(project=project)
        project_close(project=project)
        project_contribution_share(
            project=project,
            outcome="Vos commentaires ont mené à un nouvel indicateur d'expérience patient "
                    "suivi chaque trimestre par le comité.")

    def seed_support(self, coordinator, now):
        """The demo team's support requests: one waiting past its date, one in progress
        with a meeting and a message, one closed with its outcome."""
        team = Team.objects.get(memberships__user__email=TEAM_EMAIL)
        if SupportRequest.objects.filter(team=team).exists():
            return
        lead = teams_lead()
        project = team.projects.order_by("pk").first()
        waiting = accompaniment.support_request_create(
            team=team, created_by=lead, kind=SupportKind.TEAM_TRAINING,
            needs="Une formation d'une heure pour l'équipe sur le partenariat patient.")
        SupportRequest.objects.filter(pk=waiting.pk).update(
            created_at=now - timedelta(days=12), due_on=(now - timedelta(days=2)).date())
        ongoing = accompaniment.support_request_create(
            team=team, created_by=lead, kind=SupportKind.METHOD, project=project,
            needs="Nous préparons un groupe de discussion avec des proches aidant(e)s : "
                  "comment le mener?", due_on=(now + timedelta(days=20)).date())
        accompaniment.support_meeting_record(request=ongoing, held_on=(now - timedelta(
            days=3)).date(), minutes=60, coordinator=coordinator, note="Appel avec l'équipe.")
        accompaniment.support_message_post(
            request=ongoing, author=coordinator, from_team=False,
            body="Voici le guide du groupe de discussion; revoyons vos questions jeudi.")
        closed = accompaniment.support_request_create(
            team=team, created_by=lead, kind=SupportKind.RECRUITMENT, project=project,
            needs="Comment accueillir nos deux nouvelles personnes partenaires?")
        accompaniment.support_meeting_record(request=closed, held_on=(now - timedelta(
            days=8)).date(), minutes=90, coordinator=coordinator)
        accompaniment.support_close(
            request=closed, by=coordinator,
            outcome="Rencontre d'accueil préparée ensemble; le guide de la personne "
                    "usagère collaboratrice et le formulaire de confidentialité sont remis.")

    def seed_plan(self, project):
        """The recruiting project's engagement plan, commented on and agreed to by its
        partner."""
        if project is None or hasattr(project, "engagement_plan"):
            return
        phases = list(Phase.objects.filter(active=True).order_by("position"))
        steps = [ContinuumStep.CONSULTATION, ContinuumStep.COLLABORATION, None,
                 ContinuumStep.CONSULTATION, ContinuumStep.COLLABORATION]
        roles = ["Dire ce qui compte pour les personnes aînées.",
                 "Coconstruire le questionnaire avec l'équipe.", "",
                 "Commenter les premiers résultats.",
                 "Présenter les résultats avec l'équipe."]
        lines = [{"phase": phase, "continuum_step": step, "partners_role": role,
                  "expected_hours": Decimal(4)}
                 for phase, step, role in zip(phases, steps, roles, strict=False) if step]
        lead = project.team.memberships.first().user
        accompaniment.plan_save(project=project, lines=lines[:3], by=lead)
        accompaniment.plan_save(project=project, lines=lines, by=lead,
                                change_note="Ajout de la phase « Partager les résultats ».")
        partner = project.pairings.filter(status=PairingStatus.ACCEPTED).first()
        if partner:
            accompaniment.plan_comment(project=project, author=partner.member.user,
                                       body="Je pourrai présenter les résultats en "
                                            "personne à Québec.")
            accompaniment.plan_agree(project=project, user=partner.member.user)

    def seed_mentoring(self, coordinator, now):
        """Mentors who offer, a newcomer waiting for one, a proposal the demo member is
        asked to answer, and a mentoring under way for five weeks."""
        if Mentoring.objects.exists() or MentoringRequest.objects.exists():
            return

        def member(email):
            return Member.objects.get(user__email=email)

        demo = member(MEMBER_EMAIL)
        mentoring.mentor_offer_save(member=demo, capacity=2,
                                    note="Proche aidante depuis huit ans, dans la communauté "
                                         "depuis ses débuts.")
        lucie = member("lucie.vaillancourt@demo.ruisss.ca")
        mentoring.mentor_offer_save(member=lucie, capacity=1)
        mentoring.mentor_offer_save(member=member("samuel.ashini@demo.ruisss.ca"), capacity=1)
        mentoring.mentoring_request_create(
            member=member("paulette.gagne-rioux@demo.ruisss.ca"),
            note="Je ne sais pas encore par où commencer.")
        kevin = mentoring.mentoring_request_create(member=member("kevin.stonge@demo.ruisss.ca"))
        mentoring.mentoring_pair(request=kevin, mentor=demo, by=coordinator)
        noemie = member("noemie.larouche@demo.ruisss.ca")
        under_way = mentoring.mentoring_pair(
            request=mentoring.mentoring_request_create(member=noemie), mentor=lucie,
            by=coordinator)
        mentoring.mentoring_accept(mentoring=under_way, member=lucie)
        mentoring.mentoring_accept(mentoring=under_way, member=noemie)
        Mentoring.objects.filter(pk=under_way.pk).update(accepted_at=now - timedelta(days=35))
        mentoring.mentoring_hours_declare(mentoring=under_way, member=lucie,
                                          hours=Decimal("3"),
                                          worked_on=(now - timedelta(days=7)).date(),
                                          note="Deux appels et un café.")
        mentoring.check_ins_send(now=now)


def teams_lead():
    return User.objects.get(email=TEAM_EMAIL)
