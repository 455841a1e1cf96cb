from django import forms

from guidelines.models.records import ConsultationComment


class ConsultationCommentForm(forms.ModelForm):
    """A member's comment on a consultation draft."""

    class Meta:
        model = ConsultationComment
        fields = ["name", "organisation", "section", "comment"]
        labels = {"section": "Section or page", "comment": "Your comment"}
        help_texts = {
            "section": "For example '4.2 Equipment' or 'page 3'.",
            "comment": "At most 5,000 characters.",
        }
        widgets = {"comment": forms.Textarea(attrs={"rows": 6})}

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str) and "\x00" in value:
                self.add_error(name, "Remove the null character from this field.")
        return cleaned
