"""The volunteer's side: sign-up, the thank-you page, the public list of
teams, the privacy notice, and the private page behind the emailed link."""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, ListView, TemplateView

from forum.antispam import RateLimit, RateLimitMixin
from forum.form_pages import empty_form_page
from forum.views import CurrentSeasonMixin, NeverStoreWhatWasTyped

from . import invitations, services
from .forms import LostLinkForm, SignupForm, VolunteerUpdateForm
from .models import Invitation, Team, Volunteer

# The thank-you page reads the address it names from the visitor's own session.
SIGNUP_EMAIL_SESSION_KEY = "volunteer_signup_email"


class SignupFormView(CurrentSeasonMixin, FormView):
    form_class = SignupForm
    template_name = "volunteers/signup.html"
    success_url = reverse_lazy("volunteers:thanks")

    def dispatch(self, request, *args, **kwargs):
        self.season = self.get_season()
        if not self.season.volunteering_is_open():
            # Outside the window the page says so, and when; a form sent
            # after closing time lands here too, with nothing saved.
            return TemplateResponse(
                request,
                "volunteers/signup_closed.html",
                {
                    "season": self.season,
                    "not_yet": self.season.volunteers_open
                    and timezone.now() < self.season.volunteers_open,
                },
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "season": self.season}

    def invitation(self):
        """The invitation of the link ?invitation=<token> (from the email a
        past volunteer received), for this season; None otherwise."""
        token = self.request.GET.get("invitation", "")
        if not token:
            return None
        return (
            Invitation.objects.filter(token=token, season=self.season)
            .select_related("volunteer")
            .first()
        )

    def get_initial(self):
        initial = super().get_initial()
        invitation = self.invitation() if self.request.method == "GET" else None
        if invitation is not None:
            initial.update(invitations.prefill(invitation))
        return initial

    def get(self, request, *args, **kwargs):
        # The empty form is kept rendered (forum/form_pages.py), for the
        # season and the teams open now as the page shows them.
        teams = list(
            Team.objects.filter(season=self.season).open().with_fill().order_by("pk").values()
        )
        fingerprint = hashlib.sha256(repr(teams).encode()).hexdigest()[:16]
        response = empty_form_page(
            request,
            f"volunteer:{self.season.pk}:{fingerprint}",
            lambda: super(SignupFormView, self).get(request, *args, **kwargs),
        )
        if "invitation" in request.GET:
            # Pre-filled with a person's data: for their browser only.
            response["Cache-Control"] = "private, no-store"
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_context_data(self, **kwargs):
        teams = Team.objects.filter(season=self.season).open().with_fill()
        return super().get_context_data(season=self.season, teams=teams, **kwargs)

    def form_valid(self, form):
        # Whether the address is new or has signed up this season already,
        # the visitor sees the same thank-you page, naming the address they
        # typed; only the email differs (a welcome, or the existing link
        # again), and it goes to that address alone. So the page never tells
        # anyone whether someone else's address is signed up as a volunteer
        # (in Iraq that can matter), while the real owner, who reads their
        # mail, learns kindly that their first sign-up stands. No link is
        # shown on the page, for the same reason.
        services.sign_up_volunteer(
            season=self.season,
            data=form.volunteer_data(),
            wishes=form.cleaned_data["wishes"],
            language=get_language(),
            submission_key=form.cleaned_data["submission_key"],
            suspected_spam=form.suspected_spam,
        )
        self.request.session[SIGNUP_EMAIL_SESSION_KEY] = form.cleaned_data["email"]
        return super().form_valid(form)


class SignupView(NeverStoreWhatWasTyped, RateLimitMixin, SignupFormView):
    """The public sign-up form. Five accepted sign-ups an hour per email
    address and connection; a hundred per connection, whoever sends them (a
    class signing up together on a university's Wi-Fi)."""

    rate_limit_scope = "volunteer-signup"
    rate_limits = (RateLimit(5, 3600, per_email=True), RateLimit(100, 3600, per_email=False))
    rate_limit_message = ngettext_lazy(
        "We received many sign-ups from your connection in a short time. Please send "
        "again in %(minutes)s minute; everything you typed is kept below.",
        "We received many sign-ups from your connection in a short time. Please send "
        "again in %(minutes)s minutes; everything you typed is kept below.",
        "minutes",
    )


@method_decorator(never_cache, name="dispatch")
class ThanksView(CurrentSeasonMixin, TemplateView):
    """Names the address the visitor typed (from their session): never stored."""

    template_name = "volunteers/thanks.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            season=self.get_season(),
            email=self.request.session.get(SIGNUP_EMAIL_SESSION_KEY, ""),
            **kwargs,
        )


class TeamsView(CurrentSeasonMixin, ListView):
    """What each team does and whether places remain. No names, ever."""

    template_name = "volunteers/teams.html"
    context_object_name = "teams"

    def get_queryset(self):
        self.season = self.get_season()
        return Team.objects.filter(season=self.season).open().with_fill().order_by("order", "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(season=self.season, **kwargs)


class LostLinkFormView(CurrentSeasonMixin, FormView):
    template_name = "volunteers/lost_link.html"
    form_class = LostLinkForm
    success_url = reverse_lazy("volunteers:lost_link_sent")

    def form_valid(self, form):
        services.request_private_link(
            season=self.get_season(),
            email=form.cleaned_data["email"],
        )
        return super().form_valid(form)


class LostLinkView(NeverStoreWhatWasTyped, RateLimitMixin, LostLinkFormView):
    """'Email me my link again': the same answer whether or not the address
    signed up, so the page tells nobody who volunteers."""

    rate_limit_scope = "volunteer-link"
    rate_limits = (RateLimit(5, 3600, per_email=True), RateLimit(60, 3600, per_email=False))
    rate_limit_message = ngettext_lazy(
        "We received many requests from your connection in a short time. Please ask "
        "again in %(minutes)s minute.",
        "We received many requests from your connection in a short time. Please ask "
        "again in %(minutes)s minutes.",
        "minutes",
    )


class LostLinkSentView(CurrentSeasonMixin, TemplateView):
    template_name = "volunteers/lost_link_sent.html"


# The private page ---------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class PrivateMixin:
    """A volunteer found by the token in their private link."""

    def dispatch(self, request, *args, **kwargs):
        self.volunteer = get_object_or_404(
            Volunteer.objects.active().select_related("season", "team"),
            private_token=kwargs["token"],
        )
        response = super().dispatch(request, *args, **kwargs)
        # The link is a key: never in a search engine, nor in a shared cache.
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def private_url(self):
        return reverse("volunteers:private", kwargs={"token": self.volunteer.private_token})


class PrivateView(PrivateMixin, FormView):
    template_name = "volunteers/private.html"
    form_class = VolunteerUpdateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.volunteer}

    def get_context_data(self, **kwargs):
        volunteer = self.volunteer
        return super().get_context_data(
            volunteer=volunteer,
            season=volunteer.season,
            wishes=volunteer.ranked_wishes(),
            can_edit=volunteer.status
            not in {Volunteer.Status.WITHDRAWN, Volunteer.Status.DECLINED},
            can_rejoin=volunteer.status == Volunteer.Status.WITHDRAWN
            and volunteer.season.volunteering_is_open(),
            coordinators_email=next(iter(settings.VOLUNTEER_NOTIFY_EMAILS), ""),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if self.volunteer.status in {Volunteer.Status.WITHDRAWN, Volunteer.Status.DECLINED}:
            return redirect(self.private_url())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        services.update_volunteer(
            volunteer=self.volunteer,
            phone=form.cleaned_data["phone"],
            availability=form.cleaned_data["availability"],
            wishes=form.cleaned_data.get("wishes"),
        )
        messages.success(self.request, _("Your changes are saved."))
        return HttpResponseRedirect(self.private_url())


class WithdrawView(PrivateMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        services.withdraw_volunteer(volunteer=self.volunteer)
        messages.success(
            request,
            _(
                "You have withdrawn. Thank you for letting us know; your data is kept "
                "until you delete it."
            ),
        )
        return HttpResponseRedirect(self.private_url())


class RejoinView(PrivateMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if self.volunteer.season.volunteering_is_open():
            services.rejoin_volunteer(volunteer=self.volunteer)
            messages.success(request, _("Welcome back: you are signed up again."))
        return HttpResponseRedirect(self.private_url())


class DeleteView(PrivateMixin, TemplateView):
    """A page that says what deleting means, and a button that does it."""

    template_name = "volunteers/delete_confirm.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(volunteer=self.volunteer, **kwargs)

    def post(self, request, *args, **kwargs):
        services.erase_volunteer(volunteer=self.volunteer)
        request.session.pop(SIGNUP_EMAIL_SESSION_KEY, None)
        return HttpResponseRedirect(reverse("volunteers:deleted"))


class DeletedView(TemplateView):
    template_name = "volunteers/deleted.html"


@method_decorator(never_cache, name="dispatch")
class NoMoreEmailsView(TemplateView):
    """The "no more emails" link of an invitation: opening it is enough (one
    click). A link checker that opens it by mistake only stops emails, which
    is the safe side to err on."""

    template_name = "volunteers/no_more_emails.html"

    def dispatch(self, request, *args, **kwargs):
        self.invitation = get_object_or_404(
            Invitation.objects.select_related("volunteer"), token=kwargs["token"]
        )
        invitations.stop_emails(self.invitation)
        response = super().dispatch(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response
