"""The upload checks, through the service the admin's checks share (ressources.uploads)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ressources.models import Resource
from ressources.services import resource_create
from tests import files

pytestmark = pytest.mark.django_db

FIELDS = {"title": "Guide de recrutement", "title_en": "Recruitment guide",
          "summary": "Pour recruter.", "summary_en": "To recruit."}


def create_with(name, content):
    return resource_create(**FIELDS, file=SimpleUploadedFile(name, content))


@pytest.mark.parametrize("name, content", [
    ("guide.pdf", files.pdf()), ("modele.docx", files.docx()), ("grille.xlsx", files.xlsx()),
    ("texte.odt", files.odt()), ("MAJUSCULES.PDF", files.pdf())])
def test_each_accepted_type_is_stored(name, content):
    resource = create_with(name, content)
    resource.refresh_from_db()
    with resource.file.open("rb") as stored:
        assert stored.read() == content


def errors_of(name, content):
    with pytest.raises(ValidationError) as refused:
        create_with(name, content)
    assert not Resource.objects.exists()
    return refused.value.message_dict["file"]


def test_a_renamed_executable_is_refused():
    assert errors_of("guide.pdf", files.executable()) == [
        "Le contenu de ce fichier n'est pas celui d'un fichier PDF : il est refusé."]


@pytest.mark.parametrize("name, content", [
    ("modele.docx", files.plain_zip()), ("modele.docx", files.xlsx()),
    ("grille.xlsx", files.pdf()), ("texte.odt", files.docx())])
def test_a_file_whose_content_is_not_its_type_is_refused(name, content):
    assert "il est refusé" in errors_of(name, content)[0]


@pytest.mark.parametrize("name", ["programme.exe", "page.html", "sans-extension"])
def test_other_types_are_refused_whatever_they_hold(name):
    assert errors_of(name, files.pdf()) == [
        "Seuls les fichiers PDF, DOCX, ODT et XLSX sont acceptés."]


def test_a_file_over_the_limit_is_refused(settings):
    settings.UPLOAD_MAX_MB = 1
    big = files.pdf() + b"0" * (1024 * 1024)
    assert errors_of("gros.pdf", big) == ["Ce fichier dépasse la taille permise (1 Mo)."]


def test_a_resource_is_a_file_or_a_link_never_both_nor_neither():
    with pytest.raises(ValidationError):
        resource_create(**FIELDS)
    with pytest.raises(ValidationError):
        resource_create(**FIELDS, link="https://exemple.ca/",
                        file=SimpleUploadedFile("guide.pdf", files.pdf()))
    assert not Resource.objects.exists()
