from wagtail.admin.forms import WagtailAdminPageForm

from events.recurrence import Series


class EventPageForm(WagtailAdminPageForm):
    """Checks the excluded dates being edited, which the page model cannot see yet."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("excluded_dates")
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
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
        )
        errors = series.errors()
        if set(errors) == {"repeat"}:
            self.add_error("repeat", errors["repeat"])
        return cleaned_data
