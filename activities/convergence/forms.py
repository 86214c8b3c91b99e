from django import forms
from django.utils.translation import gettext_lazy as _

from forum.forms import CleanTextMixin

from .models import Convergence


class InviteForm(CleanTextMixin, forms.Form):
    """An organizer invites a similar proposal's organization to converge."""

    kind = forms.ChoiceField(
        label=_("What do you propose?"),
        choices=Convergence.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you propose to join forces.")},
    )
    message = forms.CharField(
        label=_("A short message to them (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto", "maxlength": 1000}),
        help_text=_(
            "They see your organization, your activity's title and this message. Your "
            "contact details are shared only if they accept."
        ),
    )


class AnswerForm(CleanTextMixin, forms.Form):
    answer = forms.ChoiceField(choices=[("accept", "accept"), ("decline", "decline")])


class CarryOutForm(CleanTextMixin, forms.Form):
    """The moderators' intermediate page: which proposal stays (a merge), or
    the space and start of the first of the two (a sequence)."""

    keep = forms.TypedChoiceField(
        label=_("The proposal that becomes the merged activity"),
        coerce=int,
        widget=forms.RadioSelect,
        required=False,
    )
    first = forms.TypedChoiceField(
        label=_("Held first"), coerce=int, widget=forms.RadioSelect, required=False
    )
    space = forms.ModelChoiceField(label=_("Space"), queryset=None, required=False)
    starts_at = forms.DateTimeField(
        label=_("Start of the first (Baghdad time)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def __init__(self, *args, convergence, **kwargs):
        super().__init__(*args, **kwargs)
        from forum.models import Space

        self.convergence = convergence
        pair = [
            (a.pk, f"{a.reference} — {a.title or a.title_ar or a.title_en}")
            for a in (convergence.inviter, convergence.invited)
        ]
        self.fields["keep"].choices = pair
        self.fields["first"].choices = pair
        self.fields["space"].queryset = Space.objects.filter(
            venue__season=convergence.inviter.season
        ).select_related("venue")
        if convergence.kind == Convergence.Kind.MERGE:
            self.fields["keep"].required = True
            for name in ("first", "space", "starts_at"):
                del self.fields[name]
        else:
            del self.fields["keep"]
            for name in ("first", "space", "starts_at"):
                self.fields[name].required = True
