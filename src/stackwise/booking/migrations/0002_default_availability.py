"""A fresh database offers weekdays 09:00-17:00 Europe/Berlin, 30-minute slots, 14 days ahead."""

from __future__ import annotations

from django.db import migrations

from stackwise.booking.models import DEFAULT_AVAILABILITY, DEFAULT_WINDOWS


def create_default(apps, schema_editor):  # type: ignore[no-untyped-def]
    Availability = apps.get_model("booking", "Availability")
    WeeklyWindow = apps.get_model("booking", "WeeklyWindow")
    if Availability.objects.exists():
        return
    availability = Availability.objects.create(**DEFAULT_AVAILABILITY)
    for weekday, start, end in DEFAULT_WINDOWS:
        WeeklyWindow.objects.create(
            availability=availability, weekday=weekday, start=start, end=end
        )


class Migration(migrations.Migration):
    dependencies = [("booking", "0001_initial")]
    operations = [migrations.RunPython(create_default, migrations.RunPython.noop)]
