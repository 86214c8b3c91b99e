"""The organizer's side: the proposal form, the thank-you page, and the private
status page (edit, withdraw) reached only through the link in their email."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils import formats, timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, ngettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from forum.antispam import RateLimit, RateLimitMixin
from forum.form_pages import empty_form_page
from forum.i18n import text_direction
from forum.links import absolute_url
from forum.models import Season
from forum.templatetags.forum_tags import field_in_language
from forum.views import CurrentSeasonMixin, NeverStoreWhatWasTyped

from .. import services
from ..forms import TEXT_FIELDS, ProposalEditForm, ProposalForm
from ..models import Activity, Masar


class _SaveProposal(CurrentSeasonMixin, FormView):
    def form_valid(self, form):
        activity, _created = services.submit_proposal(form=form)
        return redirect("activities:propose_thanks", token=activity.private_token)


class ProposeView(NeverStoreWhatWasTyped, RateLimitMixin, _SaveProposal):
    """/<lang>/propose/: the form while the season's call is open; otherwise
    when it opens, or that it has closed."""

    template_name = "activities/propose.html"
    closed_template_name = "activities/propose_closed.html"
    form_class = ProposalForm
    rate_limit_scope = "propose"
    # Five proposals an hour from one email address and connection; sixty
    # from one connection, whoever sends them: several organizations behind
    # one office, university or mobile operator's address are fine, a flood
    # is not.
    rate_limits = (RateLimit(5, 3600, per_email=True), RateLimit(60, 3600, per_email=False))
    rate_limit_message = ngettext_lazy(
        "We received many proposals from your connection in a short time. Please send "
        "again in %(minutes)s minute; everything you typed is kept below.",
        "We received many proposals from your connection in a short time. Please send "
        "again in %(minutes)s minutes; everything you typed is kept below.",
        "minutes",
    )

    def dispatch(self, request, *args, **kwargs):
        self.season = self.get_season()
        self.is_open = self.season.proposals_are_open()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if not self.is_open:
            return self.response_class(
                request=request,
                template=[self.closed_template_name],
                context=self.closed_context(),
                using=self.template_engine,
            )
        # The empty form is kept rendered (forum/form_pages.py); the
        # programme version in its key covers the season and its masarat.
        return empty_form_page(
            request, f"propose:{self.season.pk}", lambda: super(ProposeView, self).get(request)
        )

    def post(self, request, *args, **kwargs):
        if not self.is_open:
            # Sent just as the call closed: nothing is saved, but what was
            # typed is shown again so it is not lost.
            form = self.get_form()
            form.is_valid()
            form.add_error(None, self.closed_message())
            return self.render_to_response(self.get_context_data(form=form, closed=True))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        # A resend of a form already received goes to its thank-you page
        # before the rate limit counts it.
        existing = Activity.objects.filter(
            submission_key=form.cleaned_data["submission_key"]
        ).first()
        if existing is not None:
            return redirect("activities:propose_thanks", token=existing.private_token)
        return super().form_valid(form)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "season": self.season, "language": get_language()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(season=self.season, **kwargs)

    def closed_context(self):
        season = self.season
        now = timezone.now()
        not_yet = season.proposals_open is not None and now < season.proposals_open
        return {"season": season, "not_yet": not_yet, "message": self.closed_message()}

    def closed_message(self):
        season = self.season
        now = timezone.now()
        if season.proposals_open and now < season.proposals_open:
            return _("The call for activities opens on %(date)s.") % {
                "date": formats.date_format(timezone.localtime(season.proposals_open), "j F Y")
            }
        if season.proposals_close and now >= season.proposals_close:
            return _(
                "The call for activities closed on %(date)s. Proposals can no longer be sent."
            ) % {"date": formats.date_format(timezone.localtime(season.proposals_close), "j F Y")}
        return _("The call for activities is not open.")


# What an organizer need not type again for a new proposal: their
# organization and contact, and with their old text, the activity itself.
CONTACT_FIELDS = ("organization_type", "governorate", "contact_name", "email", "phone", "website")
ACTIVITY_FIELDS = (
    "format",
    "languages",
    "interpretation_needed",
    "expected_participants",
    "duration",
    "preferred_time",
    "space_needs",
    "accessibility_notes",
    "other_notes",
)


def initial_from(previous, *, season, with_text):
    """The proposal form's initial data from an earlier proposal, for `season`:
    texts in the page's language (else the other's); masarat by slug, as the
    next season's are copies of the last one's."""
    texts = ["organization", "co_organizers"]
    fields = list(CONTACT_FIELDS)
    if with_text:
        texts += ["title", "summary", "description"]
        fields += ACTIVITY_FIELDS
    initial = {name: getattr(previous, name) for name in fields if getattr(previous, name)}
    for name in texts:
        value = field_in_language(previous, name)[0]
        if value:
            initial[name] = value
    if with_text:
        slugs = previous.masarat.values("slug")
        initial["masarat"] = list(
            Masar.objects.filter(season=season, slug__in=slugs).values_list("pk", flat=True)
        )
    return initial


@method_decorator(never_cache, name="dispatch")
class ProposeAgainView(ProposeView):
    """/propose/status/<token>/again/: an organizer who proposed before (in a
    past season) proposes for the current one from their private page, with
    their organization and contact filled in and, with ?text=1, their old
    text. The form makes a new proposal with its own reference, through the
    same service; the earlier proposal is not touched."""

    def dispatch(self, request, *args, **kwargs):
        self.previous = get_object_or_404(
            Activity.objects.select_related("season"), private_token=kwargs["token"]
        )
        response = super().dispatch(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_initial(self):
        return {
            **super().get_initial(),
            **initial_from(
                self.previous, season=self.season, with_text=self.request.GET.get("text") == "1"
            ),
        }


def next_call_for(activity):
    """The current season, when it is a later one than the activity's and its
    call for activities is open or still to open; else None."""
    season = Season.objects.current()
    if season is None or season.number <= activity.season.number:
        return None
    if season.proposals_are_open() or (
        season.proposals_open and timezone.now() < season.proposals_open
    ):
        return season
    return None


@method_decorator(never_cache, name="dispatch")
class PrivateMixin:
    """Pages reached with the private token: no login, never cached, never indexed."""

    def dispatch(self, request, *args, **kwargs):
        self.activity = get_object_or_404(
            Activity.objects.select_related("season", "space__venue"),
            private_token=kwargs["token"],
        )
        response = super().dispatch(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_context_data(self, **kwargs):
        activity = self.activity
        language = activity.submitted_language
        own = {name: getattr(activity, f"{name}_{language}") for name in TEXT_FIELDS}
        return super().get_context_data(
            activity=activity,
            season=activity.season,
            own=own,
            own_language=language,
            own_dir=text_direction(language),
            private_url=absolute_url(activity.get_private_url()),
            contact_email=next(iter(settings.PROGRAMME_NOTIFY_EMAILS), ""),
            **kwargs,
        )


class ThanksView(PrivateMixin, TemplateView):
    template_name = "activities/propose_thanks.html"


def convergence_context(activity):
    from ..convergence.views import private_context

    return private_context(activity)


class PrivateStatusView(PrivateMixin, TemplateView):
    template_name = "activities/private_status.html"

    def get_context_data(self, **kwargs):
        activity = self.activity
        return super().get_context_data(
            history=activity.status_changes.all(),
            masarat=activity.masarat.all(),
            preferred_days=services.preferred_days_display(activity, get_language()),
            next_call=next_call_for(activity),
            **convergence_context(activity),
            **kwargs,
        )


class PrivateEditView(PrivateMixin, FormView):
    template_name = "activities/private_edit.html"
    form_class = ProposalEditForm

    def get(self, request, *args, **kwargs):
        if not self.activity.can_be_edited():
            return self.not_editable()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.activity.can_be_edited():
            return self.not_editable()
        return super().post(request, *args, **kwargs)

    def not_editable(self):
        messages.info(
            self.request,
            _("Your proposal can no longer be changed: it is now “%(status)s”.")
            % {"status": self.activity.get_status_display()},
        )
        return HttpResponseRedirect(self.activity.get_private_url())

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": self.activity,
            "season": self.activity.season,
            "language": self.activity.submitted_language,
        }

    def form_valid(self, form):
        try:
            activity = services.update_proposal(form=form)
        except services.NotAllowed:
            return self.not_editable()
        if activity.status == Activity.Status.RESUBMITTED:
            messages.success(
                self.request, _("Your changes are saved and sent back to the moderators.")
            )
        else:
            messages.success(self.request, _("Your changes are saved."))
        return HttpResponseRedirect(activity.get_private_url())


class PrivateWithdrawView(PrivateMixin, TemplateView):
    template_name = "activities/private_withdraw.html"

    def get(self, request, *args, **kwargs):
        if not self.activity.can_be_withdrawn():
            return HttpResponseRedirect(self.activity.get_private_url())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            services.withdraw_proposal(self.activity)
        except services.NotAllowed:
            messages.info(request, _("This proposal cannot be withdrawn any more."))
        else:
            messages.success(request, _("Your proposal is withdrawn. Thank you for telling us."))
        return HttpResponseRedirect(self.activity.get_private_url())
