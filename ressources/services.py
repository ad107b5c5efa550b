from django.db import transaction

from ressources.models import Download, Resource


@transaction.atomic
def resource_create(**fields) -> Resource:
    """A resource, its file checked by content and size as in the admin (ressources.uploads)."""
    resource = Resource(**fields)
    resource.full_clean()
    resource.save()
    return resource


def download_record(*, resource: Resource) -> Download:
    return Download.objects.create(resource=resource)
