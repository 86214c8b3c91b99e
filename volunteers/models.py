from django.db import models
from django.utils.translation import gettext_lazy as _

from forum.models import Season


class Team(models.Model):
    """A working group of volunteers for one season (registration desk, media, …)."""

    season = models.ForeignKey(
        Season, on_delete=models.CASCADE, related_name="teams", verbose_name=_("season")
    )
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    slug = models.SlugField(_("slug"), max_length=80)
    capacity = models.PositiveIntegerField(_("capacity"), default=10)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["season", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["season", "slug"], name="unique_team_slug_per_season"),
        ]

    def __str__(self):
        return self.name
