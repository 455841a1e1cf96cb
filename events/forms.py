from datetime import datetime, time, timedelta

from wagtail.admin.forms import WagtailAdminPageForm

from events.recurrence import Series, from_local, to_local, whole_days


class EventPageForm(WagtailAdminPageForm):
    """The event form: all-day dates as the editor reads them, and the excluded dates.

    For an all-day event the editor picks the first and the last day it runs on (times
    are ignored); the page stores the end as midnight after the last day. The form shows
    the last day again when the page is edited, so saving twice never adds a day.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.all_day and instance.start and instance.end and instance.end > instance.start:
            last_day = (to_local(instance.end) - timedelta(microseconds=1)).date()
            self.initial["end"] = from_local(datetime.combine(last_day, time.min))

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
        if cleaned_data.get("all_day") and start and end:
            first, last = to_local(start).date(), to_local(end).date()
            if last >= first:
                cleaned_data["start"], cleaned_data["end"] = whole_days(first, last)
                start, end = cleaned_data["start"], cleaned_data["end"]
        formset = self.formsets.get("excluded_dates")
        if formset is None or not formset.is_valid() or not (start and end) or self.errors:
            return cleaned_data
        excluded = [
            form.cleaned_data["date"]
            for form in formset.forms
            if form.cleaned_data.get("date") and not form.cleaned_data.get("DELETE")
        ]
        series = Series(
            start=start,
            end=end,
            repeat=cleaned_data.get("repeat") or "",
            interval=cleaned_data.get("repeat_interval") or 1,
            position=cleaned_data.get("repeat_position"),
            until=cleaned_data.get("repeat_until"),
            count=cleaned_data.get("repeat_count"),
            excluded=frozenset(excluded),
            all_day=bool(cleaned_data.get("all_day")),
        )
        errors = series.errors()
        if set(errors) == {"repeat"}:
            self.add_error("repeat", errors["repeat"])
        return cleaned_data
