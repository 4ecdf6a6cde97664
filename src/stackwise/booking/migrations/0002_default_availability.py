"""A fresh database offers weekdays 09:00-17:00 Europe/Berlin, 30-minute slots, 14 days ahead."""

from __future__ import annotations

import datetime as dt

from django.db import migrations


def create_default(apps, schema_editor):  # type: ignore[no-untyped-def]
    Availability = apps.get_model("booking", "Availability")
    WeeklyWindow = apps.get_model("booking", "WeeklyWindow")
    if Availability.objects.exists():
        return
    availability = Availability.objects.create(
        timezone="Europe/Berlin",
        slot_minutes=30,
        buffer_minutes=0,
        days_ahead=14,
        min_notice_hours=2,
    )
    for weekday in range(5):
        WeeklyWindow.objects.create(
            availability=availability, weekday=weekday, start=dt.time(9, 0), end=dt.time(17, 0)
        )


class Migration(migrations.Migration):
    dependencies = [("booking", "0001_initial")]
    operations = [migrations.RunPython(create_default, migrations.RunPython.noop)]
