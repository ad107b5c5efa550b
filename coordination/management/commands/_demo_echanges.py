"""Demo data of the community's exchanges: activities, the toolbox and members' stories.

Called by seed_demo; idempotent like it (each row is found by its title before being made).
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from activites.enums import ActivityKind
from activites.models import Activity, ActivityDocument, Registration
from communaute.enums import Audience, ContinuumStep, Domain, Modality
from formation.enums import EnrolmentStatus
from ressources.enums import ResourceKind
from ressources.models import Download, Resource
from ressources.services import resource_create
from temoignages.enums import StoryStatus
from temoignages.models import Story

# Title, English title, summary, English summary, kind, audience, domains, steps, file?
RESOURCES = [
    ("Guide de recrutement des personnes partenaires", "Guide to recruiting partners",
     "Les étapes pour recruter des citoyen(ne)s, patient(e)s et proches aidant(e)s : "
     "définir le rôle, diffuser l'appel, accueillir.",
     "The steps to recruit citizens, patients and caregivers: define the role, share the "
     "call, welcome.", ResourceKind.GUIDE, Audience.TEAMS, [Domain.RESEARCH, Domain.CARE],
     [ContinuumStep.CONSULTATION, ContinuumStep.COLLABORATION], True),
    ("Guide de l'usager collaborateur", "The collaborating user's guide",
     "Ce qu'on attend de vous, ce que vous pouvez attendre de l'équipe, et vos droits.",
     "What is expected of you, what you may expect of the team, and your rights.",
     ResourceKind.GUIDE, Audience.MEMBERS, [Domain.CARE, Domain.GOVERNANCE],
     [ContinuumStep.COLLABORATION, ContinuumStep.PARTNERSHIP], True),
    ("Guide d'animation d'un groupe de discussion", "Running a focus group",
     "Préparer, animer et rendre compte d'un groupe de discussion avec des partenaires.",
     "Preparing, running and reporting on a focus group with partners.",
     ResourceKind.GUIDE, Audience.TEAMS, [Domain.RESEARCH], [ContinuumStep.CONSULTATION],
     True),
    ("Guide de conception d'un sondage", "Designing a survey",
     "Des questions claires et accessibles pour consulter largement.",
     "Clear and accessible questions to consult widely.", ResourceKind.GUIDE,
     Audience.EVERYONE, [Domain.RESEARCH, Domain.CARE], [ContinuumStep.CONSULTATION], False),
    ("Engagement à la confidentialité (modèle)", "Confidentiality commitment (template)",
     "Le modèle d'engagement que signent les partenaires avant un premier projet.",
     "The commitment partners sign before a first project.", ResourceKind.TEMPLATE,
     Audience.EVERYONE, [], [ContinuumStep.COLLABORATION, ContinuumStep.PARTNERSHIP], True),
    ("Matrice d'engagement des partenaires", "Partner engagement matrix",
     "Situer un projet sur le continuum d'engagement, de l'information au partenariat.",
     "Placing a project on the engagement continuum, from information to partnership.",
     ResourceKind.TEMPLATE, Audience.EVERYONE,
     [Domain.CARE, Domain.RESEARCH, Domain.GOVERNANCE, Domain.TEACHING, Domain.POLICY],
     list(ContinuumStep.values), True),
]


def demo_pdf(title: str) -> bytes:
    """A one-page PDF that says it is a demonstration, with a correct cross-reference table."""
    text = f"{title} - document de demonstration".encode("latin-1", "replace")
    stream = b"BT /F1 14 Tf 50 780 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def seed_resources(now):
    for index, (title, title_en, summary, summary_en, kind, audience, domains, steps,
                has_file) in enumerate(RESOURCES):
        if Resource.objects.filter(title=title).exists():
            continue
        content = ({"file": ContentFile(demo_pdf(title), name=f"ressource-{index + 1}.pdf")}
                   if has_file else {"link": "https://sondages.example/guide"})
        resource = resource_create(
            title=title, title_en=title_en, summary=summary, summary_en=summary_en, kind=kind,
            audience=audience, domains=domains, steps=steps,
            public=audience != Audience.TEAMS, created_at=now - timedelta(days=60), **content)
        Download.objects.bulk_create([Download(resource=resource,
                                               at=now - timedelta(days=day))
                                      for day in range(1, 2 + 3 * index, 3)])


def seed_activities(now, regions, members, team_lead):
    """The annual gathering, a regional meeting, a full online exchange with its waiting
    list, and a past meeting with its summary, attendance and shared document."""
    def day(days, hour):
        return timezone.localtime(now + timedelta(days=days)).replace(
            hour=hour, minute=0, second=0, microsecond=0)

    rows = [
        ("Rassemblement annuel de la communauté", "rassemblement-annuel",
         ActivityKind.GATHERING, Modality.HYBRID, regions["03"],
         "Centre des congrès de démonstration, Québec", "https://visio.example/rassemblement",
         day(40, 9), 7, 120),
        ("Rencontre régionale du Bas-Saint-Laurent", "rencontre-bas-saint-laurent",
         ActivityKind.REGIONAL, Modality.IN_PERSON, regions["01"],
         "Bibliothèque de démonstration, Rimouski", "", day(20, 13), 3, 25),
        ("Échange en ligne : la matrice d'engagement", "echange-matrice-engagement",
         ActivityKind.ONLINE_EXCHANGE, Modality.REMOTE, None, "",
         "https://visio.example/echange", day(9, 19), 1.5, 2),
        ("Communauté de pratique : bien accueillir un nouveau partenaire",
         "cdp-accueillir-partenaire", ActivityKind.PRACTICE, Modality.IN_PERSON,
         regions["03"], "Salle de démonstration, Québec", "", day(-25, 13), 2, 15),
    ]
    activities = []
    for title, slug, kind, modality, region, place, link, starts, hours, capacity in rows:
        activity, _ = Activity.objects.get_or_create(slug=slug, defaults={
            "title": title, "kind": kind, "format": modality, "region": region,
            "place": place, "link": link, "starts_at": starts,
            "ends_at": starts + timedelta(hours=hours), "capacity": capacity,
            "registration_deadline": starts - timedelta(days=2),
            "description": "Une occasion de se rencontrer, d'échanger sur nos pratiques de "
                           "partenariat et de faire connaissance.",
        })
        activities.append(activity)
    gathering, _regional, online, past = activities
    for member in members[:3]:
        Registration.objects.get_or_create(activity=gathering, user=member.user)
    for index, member in enumerate(members[3:6]):
        Registration.objects.get_or_create(activity=online, user=member.user, defaults={
            "status": EnrolmentStatus.ENROLLED if index < 2 else EnrolmentStatus.WAITING})
    Registration.objects.get_or_create(activity=gathering, user=team_lead)
    for index, member in enumerate(members[:4]):
        Registration.objects.get_or_create(activity=past, user=member.user, defaults={
            "status": EnrolmentStatus.ATTENDED if index < 3 else EnrolmentStatus.ABSENT})
    if not past.summary:
        past.summary = ("Douze personnes ont partagé leurs façons d'accueillir : un appel "
                        "avant la première rencontre, un parrain ou une marraine, et une "
                        "pochette d'accueil. La présentation est jointe pour les personnes "
                        "présentes.")
        past.save(update_fields=["summary"])
    if not past.documents.exists():
        document = ActivityDocument(activity=past, title="Présentation : bien accueillir")
        document.file.save("accueillir.pdf",
                           ContentFile(demo_pdf("Bien accueillir un partenaire")), save=True)


def seed_stories(now, members, coordinator):
    """A published story under a pen name, one published under the member's name, one
    awaiting review; invented words, no health detail."""
    rows = [
        (members[0], "Ma première année au comité des usagers", True, "Une proche aidante",
         Domain.GOVERNANCE, StoryStatus.PUBLISHED,
         "Au début, je n'osais pas prendre la parole. Après quelques rencontres, l'équipe "
         "m'a demandé de relire les documents destinés aux familles, et mes commentaires "
         "ont changé la façon dont ils sont écrits."),
        (members[1], "Partenaire de recherche, pourquoi pas?", False, "", Domain.RESEARCH,
         StoryStatus.PUBLISHED,
         "Je pensais que la recherche n'était pas pour moi. Le groupe de discussion "
         "auquel j'ai participé m'a montré que mon expérience comptait autant que les "
         "chiffres."),
        (members[2], "Ce que j'ai appris en formation", False, "", Domain.TEACHING,
         StoryStatus.SUBMITTED,
         "La formation sur les fondements du partenariat m'a donné des mots pour "
         "expliquer ce que je vivais déjà."),
    ]
    for member, title, anonymous, pen_name, domain, status, text in rows:
        published = status == StoryStatus.PUBLISHED
        Story.objects.get_or_create(author=member.user, title=title, defaults={
            "text": text, "anonymous": anonymous, "pen_name": pen_name, "domain": domain,
            "publication_consent": True, "consented_at": now - timedelta(days=20),
            "status": status, "submitted_at": now - timedelta(days=20),
            "published_at": now - timedelta(days=15) if published else None,
            "reviewed_by": coordinator if published else None,
        })
