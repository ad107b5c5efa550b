"""What makes the shared dashboard figures stale (coordination/indicators.py): any save or
delete of the rows they count."""

from django.db.models.signals import post_delete, post_save

from ruisss import fragments


def indicators_changed(**kwargs):
    from coordination.indicators import INDICATORS

    fragments.bump(INDICATORS)


def connect():
    from accompagnement.models import (
        EngagementPlan,
        PlanAgreement,
        PlanVersion,
        SupportMeeting,
        SupportRequest,
    )
    from activites.models import Activity, Registration
    from communaute.models import Member, Region
    from formation.models import Completion, Enrolment, Session
    from jumelage.models import CompensationPayment, Evaluation, HoursDeclaration, Pairing
    from mentorat.models import Mentoring, MentoringHours, MentoringRequest, MentorOffer
    from recrutement.models import MatchRequest, Project, Team
    from ressources.models import Download
    from temoignages.models import Story

    for model in (Member, Region, Completion, Enrolment, Session, Pairing, HoursDeclaration,
                  CompensationPayment, Evaluation, MatchRequest, Project, Team, Activity,
                  Registration, Download, Story, SupportRequest, SupportMeeting, EngagementPlan,
                  PlanVersion, PlanAgreement, Mentoring, MentoringRequest, MentoringHours,
                  MentorOffer):
        for name, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(indicators_changed, sender=model,
                           dispatch_uid=f"indicateurs-{name}-{model.__name__}")
