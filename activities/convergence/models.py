from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Convergence(models.Model):
    """One organization's invitation to another to join forces, and what came of it."""

    class Kind(models.TextChoices):
        MERGE = "merge", _("Merge into one activity")
        SEQUENCE = "sequence", _("Hold one after the other")

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited, waiting for an answer")
        ACCEPTED = "accepted", _("Agreed by both")
        DECLINED = "declined", _("Declined")
        DONE = "done", _("Carried out")

    inviter = models.ForeignKey(
        "activities.Activity",
        on_delete=models.PROTECT,
        related_name="convergences_sent",
        verbose_name=_("inviting proposal"),
    )
    invited = models.ForeignKey(
        "activities.Activity",
        on_delete=models.PROTECT,
        related_name="convergences_received",
        verbose_name=_("invited proposal"),
    )
    kind = models.CharField(_("proposed"), max_length=10, choices=Kind.choices)
    message = models.TextField(_("message"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.INVITED
    )
    created_at = models.DateTimeField(_("invited at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    carried_out_at = models.DateTimeField(_("carried out at"), null=True, blank=True)
    carried_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("carried out by"),
    )

    class Meta:
        verbose_name = _("convergence")
        verbose_name_plural = _("convergences")
        ordering = ["-created_at", "-id"]
        constraints = [
            # One invitation per pair and direction; the service also refuses
            # one while the other direction is open.
            models.UniqueConstraint(fields=["inviter", "invited"], name="unique_convergence_pair"),
            models.CheckConstraint(
                condition=~Q(inviter=models.F("invited")), name="convergence_of_two"
            ),
        ]

    def __str__(self):
        return f"{self.inviter.reference} + {self.invited.reference}"

    def other(self, activity):
        return self.invited if activity.pk == self.inviter_id else self.inviter
