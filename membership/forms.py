from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from core.models import StaffGroup
from membership.models import MembershipRequest

HONEYPOT = "website"


class StaffGroupChoiceField(forms.ModelChoiceField):
    """Lists the staff groups in the reader's language, then "Other" for professionals
    none of them fits; accepts a group in any language, because a headless front end
    may post the id of either version."""

    OTHER = "other"

    def _get_choices(self):
        return [*super()._get_choices(), (self.OTHER, _("Other"))]

    choices = property(_get_choices, forms.ModelChoiceField.choices.fset)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if value == self.OTHER:
            return self.OTHER
        try:
            return StaffGroup.objects.get(pk=str(value).strip())
        except (ValueError, TypeError, ValidationError, StaffGroup.DoesNotExist) as error:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from error

    def validate(self, value):
        if value != self.OTHER:
            forms.Field.validate(self, value)


class MembershipRequestForm(forms.ModelForm):
    """The membership request form, shared by the request page and the JSON endpoint."""

    staff_group = StaffGroupChoiceField(
        queryset=StaffGroup.objects.none(),
        label=_("Staff group"),
        empty_label=_("Select your staff group"),
        error_messages={
            "required": _("Select your staff group, or Other if it is not on the list."),
            "invalid_choice": _("Select a staff group from the list."),
        },
    )
    consent = forms.BooleanField(
        label=_("I agree that the network office may process these details to review my request"),
        error_messages={"required": _("Agree to the processing of your details to continue.")},
    )
    # Hidden from people (CSS and aria-hidden); bots that fill every field give themselves away.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    class Meta:
        model = MembershipRequest
        fields = [
            "full_name",
            "email",
            "job_title",
            "organisation",
            "staff_group",
            "staff_group_other",
            "registration_body",
            "registration_number",
            "access_reason",
        ]
        # The form's own words (not the model's), so that they are translated.
        labels = {
            "full_name": _("Full name"),
            "email": _("Work email address"),
            "job_title": _("Job title"),
            "organisation": _("Organisation (NHS trust or other)"),
            "staff_group_other": _("Your staff group, if you selected Other"),
            "registration_body": _("Professional registration body (optional)"),
            "registration_number": _("Registration number (optional)"),
            "access_reason": _("Why do you need access?"),
        }
        help_texts = {
            "email": _("Work email, stored in lower case."),
            "organisation": _("NHS trust or other organisation."),
            "staff_group_other": _("Your own staff group, when none on the list fits."),
        }
        widgets = {"access_reason": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "full_name": {
                "required": _("Enter your full name."),
            },
            "email": {
                "required": _("Enter your work email address."),
                "invalid": _("Enter an email address in the correct format, like name@nhs.net."),
            },
            "job_title": {
                "required": _("Enter your job title."),
            },
            "organisation": {
                "required": _("Enter your organisation."),
            },
            "access_reason": {
                "required": _("Enter why you need access."),
            },
            "staff_group_other": {
                "max_length": _("Your staff group must be 100 characters or fewer."),
            },
        }

    def __init__(self, *args, privacy_notice_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff_group"].queryset = reader_staff_groups()
        self.fields["registration_body"].choices = [("", _("None or not applicable"))] + list(
            MembershipRequest.RegistrationBody.choices
        )
        if privacy_notice_url:
            self.fields["consent"].help_text = privacy_notice_hint(privacy_notice_url)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_staff_group(self):
        """The group as the office knows it: the default language's version of the one
        the applicant chose in theirs, so that requests are reviewed in one list."""
        group = self.cleaned_data.get("staff_group")
        if group is None or group == StaffGroupChoiceField.OTHER:
            return group
        return group.get_translation_or_none(Locale.get_default()) or group

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("staff_group") == StaffGroupChoiceField.OTHER:
            cleaned["staff_group"] = None
            if not cleaned.get("staff_group_other", "").strip():
                self.add_error("staff_group_other", _("Enter your staff group."))
        elif "staff_group_other" in cleaned:
            cleaned["staff_group_other"] = ""
        if cleaned.get("registration_number") and not cleaned.get("registration_body"):
            self.add_error(
                "registration_body", _("Select the body that holds your registration number.")
            )
        return cleaned

    @property
    def is_spam(self):
        return bool(self.data.get(HONEYPOT))

    def request_data(self):
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return data


def reader_staff_groups():
    """The staff groups in the reader's language, else in the default language."""
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        locale = Locale.get_default()
    return StaffGroup.objects.filter(locale=locale)


def privacy_notice_hint(url):
    return format_html(str(_('Read our <a href="{url}">privacy notice</a>.')), url=url)


class MemberPasswordResetForm(PasswordResetForm):
    """Password reset that also reaches approved members who never set a password.

    Approval creates accounts without a usable password and emails a set-password
    link; when that link has expired, "Forgotten your password?" must still work.
    """

    def get_users(self, email):
        User = get_user_model()
        return User._default_manager.filter(email__iexact=email, is_active=True).exclude(email="")
