"""Outcomes: the organizer's report (private link), a season's outcomes page,
its calendar of action dates (HTML and .ics), an initiative's page with the
form to join it, and the joined organization's private page (to leave)."""

import itertools

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, ngettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from activities.cache import PageQuery, cached_page
from activities.models import Activity, Masar
from forum.antispam import RateLimit, RateLimitMixin
from forum.links import absolute_url
from forum.views import NeverStoreWhatWasTyped, SeasonMixin, preview_response

from . import services
from .calendar import build_initiative_calendar
from .forms import InitiativeFormSet, JoinInitiativeForm, OutcomeForm, RecommendationFormSet
from .models import Addressee, Initiative, InitiativeMember, Outcome, Recommendation


def has_taken_place(activity, now=None):
    return bool(activity.is_scheduled and activity.ends_at <= (now or timezone.now()))


# ---------------------------------------------------------------------------
# The organizer's report


@method_decorator(never_cache, name="dispatch")
class ReportView(NeverStoreWhatWasTyped, TemplateView):
    """/propose/status/<token>/outcomes/: after the activity, its organizer
    reports what it concluded; changed again if the moderators send it back."""

    template_name = "outcomes/report.html"

    def dispatch(self, request, *args, **kwargs):
        self.activity = get_object_or_404(
            Activity.objects.select_related("season"), private_token=kwargs["token"]
        )
        if not (
            self.activity.status == Activity.Status.ACCEPTED and has_taken_place(self.activity)
        ):
            raise Http404("Not taken place")
        self.outcome = Outcome.objects.filter(activity=self.activity).first()
        response = super().dispatch(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    @property
    def language(self):
        return self.outcome.submitted_language if self.outcome else get_language()

    def forms(self, data=None):
        outcome = self.outcome or Outcome(activity=self.activity)
        kwargs = {"language": self.language}
        season = self.activity.season
        return (
            OutcomeForm(data, instance=outcome, **kwargs),
            RecommendationFormSet(
                data,
                instance=outcome,
                prefix="recommendations",
                form_kwargs={**kwargs, "season": season},
            ),
            InitiativeFormSet(
                data,
                instance=outcome,
                prefix="initiatives",
                form_kwargs={**kwargs, "season": season},
            ),
        )

    def get_context_data(self, **kwargs):
        if "form" not in kwargs:
            form, recommendations, initiatives = self.forms()
            kwargs.update(form=form, recommendations=recommendations, initiatives=initiatives)
        return super().get_context_data(
            activity=self.activity,
            season=self.activity.season,
            outcome=self.outcome,
            editable=self.outcome is None or self.outcome.can_be_edited(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if self.outcome is not None and not self.outcome.can_be_edited():
            return HttpResponseRedirect(request.path)
        form, recommendations, initiatives = self.forms(request.POST)
        valid = [f.is_valid() for f in (form, recommendations, initiatives)]
        if not all(valid):
            return self.render_to_response(
                self.get_context_data(
                    form=form, recommendations=recommendations, initiatives=initiatives
                )
            )
        try:
            services.save_report(
                form=form, recommendations=recommendations, initiatives=initiatives
            )
        except services.NotAllowed:
            return HttpResponseRedirect(request.path)
        messages.success(
            request,
            _("Thank you: your report is saved and sent to the moderators, who will publish it."),
        )
        return HttpResponseRedirect(self.activity.get_private_url())


# ---------------------------------------------------------------------------
# A season's outcomes


def clean_outcome_query(pairs):
    addressees = set(Addressee.values)
    cleaned = []
    for name, value in pairs:
        if name == "masar":
            return None  # the season's masarat are known once the page is rendered
        if name == "to" and value in addressees:
            cleaned.append((name, value))
    return cleaned


OUTCOMES_QUERY = PageQuery("masar", "to", clean=clean_outcome_query)


def published_outcomes(season):
    return Outcome.objects.published().filter(activity__season=season)


def published_initiatives(season):
    return (
        Initiative.objects.filter(outcome__in=published_outcomes(season))
        .select_related("outcome__activity__season")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=InitiativeMember.objects.filter(
                    status=InitiativeMember.Status.APPROVED
                ).only("pk", "initiative_id", "organization"),
                to_attr="shown_members",
            )
        )
        .order_by("starts_on", "pk")
    )


class SeasonOutcomesMixin(SeasonMixin):
    def dispatch(self, request, *args, **kwargs):
        self.season = self.get_season()
        response = super().dispatch(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response.render()
        return preview_response(response, self.season)


@method_decorator(cached_page(query=OUTCOMES_QUERY), name="dispatch")
class SeasonOutcomesView(SeasonOutcomesMixin, TemplateView):
    """/seasons/<n>/outcomes/: the recommendations of the season's published
    reports, by masar, filtered by masar and addressee (GET), and its
    initiatives; printable."""

    template_name = "outcomes/season_outcomes.html"

    def get_context_data(self, **kwargs):
        season = self.season
        masarat = list(Masar.objects.filter(season=season).select_related("season"))
        chosen_masar = next((m for m in masarat if m.slug == self.request.GET.get("masar")), None)
        chosen_to = self.request.GET.get("to")
        if chosen_to not in Addressee.values:
            chosen_to = None
        recommendations = Recommendation.objects.filter(
            outcome__in=published_outcomes(season)
        ).select_related("masar", "outcome__activity__season")
        if chosen_masar:
            recommendations = recommendations.filter(masar=chosen_masar)
        if chosen_to:
            recommendations = recommendations.filter(addressee=chosen_to)
        recommendations = sorted(recommendations, key=lambda r: (r.masar.order, r.masar_id, r.pk))
        groups = [
            (masar, list(items))
            for masar, items in itertools.groupby(recommendations, key=lambda r: r.masar)
        ]
        initiatives = [] if (chosen_masar or chosen_to) else list(published_initiatives(season))
        reports = list(
            published_outcomes(season)
            .select_related("activity__season")
            .order_by("activity__starts_at", "pk")
        )
        return super().get_context_data(
            season=season,
            masarat=masarat,
            chosen_masar=chosen_masar,
            chosen_to=chosen_to,
            addressees=Addressee.choices,
            groups=groups,
            initiatives=initiatives,
            reports=reports,
            filtered=bool(chosen_masar or chosen_to),
            canonical_url=absolute_url(self.request.get_full_path()),
            **kwargs,
        )


def dated_initiatives(season):
    return [i for i in published_initiatives(season) if i.starts_on]


@method_decorator(cached_page, name="dispatch")
class ActionCalendarView(SeasonOutcomesMixin, TemplateView):
    """/seasons/<n>/outcomes/calendar/: initiatives with dates, in date order."""

    template_name = "outcomes/action_calendar.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        initiatives = dated_initiatives(self.season)
        return super().get_context_data(
            season=self.season,
            upcoming=[i for i in initiatives if (i.ends_on or i.starts_on) >= today],
            past=[i for i in initiatives if (i.ends_on or i.starts_on) < today],
            **kwargs,
        )


@method_decorator(cached_page, name="dispatch")
class ActionCalendarIcsView(SeasonOutcomesMixin, View):
    def get(self, request, number):
        season = self.season
        response = HttpResponse(
            build_initiative_calendar(dated_initiatives(season), season=season),
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="isf{season.number}-initiatives.ics"'
        )
        return response


# ---------------------------------------------------------------------------
# An initiative, and joining it


class _SaveMembership:
    """Last of the form_valid chain (after the rate limit): save and go to
    the organization's private page."""

    def form_valid(self, form):
        member, _created = services.join_initiative(form=form, initiative=self.initiative)
        messages.success(
            self.request,
            _(
                "Thank you for joining. We sent your private link by email; your "
                "organization's name will appear on the initiative's page once a "
                "moderator has checked it."
            ),
        )
        return redirect("outcomes:membership", token=member.private_token)


class InitiativeView(
    NeverStoreWhatWasTyped, RateLimitMixin, _SaveMembership, SeasonMixin, FormView
):
    """/seasons/<n>/initiatives/<id>/: the initiative, the organizations that
    joined it (names only, after moderation) and the form to join. Not kept
    by the page cache: the form carries a once-only key of its own."""

    template_name = "outcomes/initiative.html"
    form_class = JoinInitiativeForm
    rate_limit_scope = "join-initiative"
    rate_limits = (RateLimit(5, 3600, per_email=True), RateLimit(60, 3600, per_email=False))
    rate_limit_message = ngettext_lazy(
        "We received many requests from your connection in a short time. Please send "
        "again in %(minutes)s minute; everything you typed is kept below.",
        "We received many requests from your connection in a short time. Please send "
        "again in %(minutes)s minutes; everything you typed is kept below.",
        "minutes",
    )

    def dispatch(self, request, *args, **kwargs):
        self.season = self.get_season()
        self.initiative = get_object_or_404(
            Initiative.objects.select_related("outcome__activity__season"),
            pk=kwargs["pk"],
            outcome__in=published_outcomes(self.season),
        )
        return preview_response(super().dispatch(request, *args, **kwargs), self.season)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "language": get_language()}

    def get_context_data(self, **kwargs):
        initiative = self.initiative
        return super().get_context_data(
            season=self.season,
            initiative=initiative,
            activity=initiative.outcome.activity,
            members=initiative.members.filter(status=InitiativeMember.Status.APPROVED).only(
                "organization"
            ),
            canonical_url=absolute_url(initiative.get_absolute_url()),
            **kwargs,
        )

    def form_valid(self, form):
        # A resend of a form already received: to its page, before the rate limit counts it.
        existing = InitiativeMember.objects.filter(
            submission_key=form.cleaned_data["submission_key"]
        ).first()
        if existing is not None:
            return redirect("outcomes:membership", token=existing.private_token)
        return super().form_valid(form)


@method_decorator(never_cache, name="dispatch")
class MembershipView(TemplateView):
    """/initiatives/joined/<token>/: what an organization that joined sees
    through its private link, and the button to leave."""

    template_name = "outcomes/membership.html"

    def dispatch(self, request, *args, **kwargs):
        self.member = get_object_or_404(
            InitiativeMember.objects.select_related("initiative__outcome__activity__season"),
            private_token=kwargs["token"],
        )
        response = super().dispatch(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get_context_data(self, **kwargs):
        initiative = self.member.initiative
        return super().get_context_data(
            member=self.member,
            initiative=initiative,
            season=initiative.outcome.activity.season,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        initiative = self.member.initiative
        services.leave_initiative(self.member)
        messages.success(
            request,
            _("Your organization has left the initiative, and we deleted what you sent us."),
        )
        return HttpResponseRedirect(initiative.get_absolute_url())
