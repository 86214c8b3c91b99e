"""The organizer's side of convergence, on their private page (reached only
through their private link): the similar proposals of organizations that
also agreed to be put in touch, the invitation form, and the answer."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import FormView

from activities.views.propose import PrivateMixin

from . import services
from .forms import AnswerForm, InviteForm
from .models import Convergence


def private_context(activity):
    """What the private page shows of convergence."""
    convergences = list(services.of(activity).prefetch_related("inviter__masarat"))
    busy = {c.other(activity).pk for c in convergences if c.status != Convergence.Status.DECLINED}
    partners = [p for p in services.partners_for(activity) if p.pk not in busy]
    return {
        "partners": partners,
        "received": [
            c
            for c in convergences
            if c.invited_id == activity.pk and c.status == Convergence.Status.INVITED
        ],
        "convergences": [
            {"convergence": c, "other": c.other(activity), "sent": c.inviter_id == activity.pk}
            for c in convergences
            if not (c.invited_id == activity.pk and c.status == Convergence.Status.INVITED)
        ],
        "merged_into": activity.merged_into,
    }


class InviteView(PrivateMixin, FormView):
    """/propose/status/<token>/converge/<pk>/: invite one similar proposal."""

    template_name = "activities/convergence_invite.html"
    form_class = InviteForm

    def partner(self):
        return services.partner(self.activity, self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.other = self.partner()
        if self.other is None:
            return HttpResponseRedirect(self.activity.get_private_url())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.other = self.partner()
        if self.other is None:
            return HttpResponseRedirect(self.activity.get_private_url())
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(other=self.other, **kwargs)

    def form_valid(self, form):
        try:
            services.invite(
                self.activity,
                self.other,
                kind=form.cleaned_data["kind"],
                message=form.cleaned_data["message"],
            )
        except services.NotAllowed:
            messages.info(self.request, _("You have already invited this organization."))
        else:
            messages.success(
                self.request,
                _("Your invitation is sent. You will receive an email when they answer."),
            )
        return HttpResponseRedirect(self.activity.get_private_url())


class AnswerView(PrivateMixin, FormView):
    """/propose/status/<token>/converge/answer/<pk>/: accept or decline (POST)."""

    form_class = AnswerForm
    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.activity.get_private_url())

    def form_invalid(self, form):
        return HttpResponseRedirect(self.activity.get_private_url())

    def form_valid(self, form):
        convergence = get_object_or_404(Convergence, pk=self.kwargs["pk"], invited=self.activity)
        accept = form.cleaned_data["answer"] == "accept"
        try:
            services.answer(convergence, accept=accept)
        except services.NotAllowed:
            messages.info(self.request, _("This invitation was already answered."))
        else:
            messages.success(
                self.request,
                _("You accepted. We emailed both organizations each other's contact details.")
                if accept
                else _("You declined the invitation. We told them."),
            )
        return HttpResponseRedirect(self.activity.get_private_url())
