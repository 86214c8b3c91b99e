"""Choices shared by the proposal and volunteer forms."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Governorate(models.TextChoices):
    BAGHDAD = "baghdad", _("Baghdad")
    BASRA = "basra", _("Basra")
    NINEVEH = "nineveh", _("Nineveh")
    ERBIL = "erbil", _("Erbil")
    SULAYMANIYAH = "sulaymaniyah", _("Sulaymaniyah")
    DUHOK = "duhok", _("Duhok")
    HALABJA = "halabja", _("Halabja")
    KIRKUK = "kirkuk", _("Kirkuk")
    DIYALA = "diyala", _("Diyala")
    ANBAR = "anbar", _("Anbar")
    BABIL = "babil", _("Babil")
    KARBALA = "karbala", _("Karbala")
    NAJAF = "najaf", _("Najaf")
    WASIT = "wasit", _("Wasit")
    MAYSAN = "maysan", _("Maysan")
    DHI_QAR = "dhi_qar", _("Dhi Qar")
    MUTHANNA = "muthanna", _("Muthanna")
    QADISIYAH = "qadisiyah", _("Al-Qadisiyah")
    SALADIN = "saladin", _("Saladin")
    OUTSIDE = "outside", _("Outside Iraq")
