"""Organisations, people and their roles, industries, zones and parks."""

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wusong.kernels.codes import uscc_normalise

from .roles import Role
from .validators import validate_mobile, validate_uscc


def bilingual(zh: str, en: str) -> str:
    """The English text when English is active and there is one; otherwise the Chinese."""
    if en and (get_language() or "").startswith("en"):
        return en
    return zh


class BilingualName(models.Model):
    """A record named in Chinese and English; `label` follows the active language."""

    name = models.CharField(_("name (Chinese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return bilingual(self.name, self.name_en)


class Industry(BilingualName):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    sort = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("industry")
        verbose_name_plural = _("industries")


class Zone(BilingualName):
    """A part of the "one bay, two poles, five parks" layout."""

    class Kind(models.TextChoices):
        BAY = "bay", _("Bay (original innovation)")
        POLE = "pole", _("Pole (commercialisation of achievements)")
        PARKS = "parks", _("Characteristic industrial parks")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    sort = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("zone")
        verbose_name_plural = _("zones")


class Park(BilingualName):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University science park")
        INDUSTRIAL = "industrial", _("Characteristic industrial park")
        PLATFORM = "platform", _("Innovation platform area")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    zone = models.ForeignKey(
        Zone, verbose_name=_("zone"), on_delete=models.PROTECT, related_name="parks"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    industries = models.ManyToManyField(Industry, verbose_name=_("industries"), blank=True)

    class Meta:
        ordering = ["zone__sort", "code"]
        verbose_name = _("park")
        verbose_name_plural = _("parks")


class Organisation(BilingualName):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University")
        INSTITUTE = "institute", _("Research institute")
        HOSPITAL = "hospital", _("Hospital")
        ENTERPRISE = "enterprise", _("Enterprise")
        PARK_OPERATOR = "park_operator", _("Park operator")
        POC_OPERATOR = "poc_operator", _("Proof-of-concept centre")
        SERVICE_AGENCY = "service_agency", _("Service agency")
        INVESTOR = "investor", _("Investor")
        GOVERNMENT = "government", _("Government body")
        TEAM = "team", _("Research team (no company yet)")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    uscc = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_uscc],
        help_text=_("18 characters, printed on the business licence."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    park = models.ForeignKey(
        Park, verbose_name=_("park"), null=True, blank=True, on_delete=models.SET_NULL
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=60, blank=True)
    contact_phone = models.CharField(
        _("contact mobile"), max_length=20, blank=True, validators=[validate_mobile]
    )
    fictional = models.BooleanField(
        _("invented for the demo"),
        default=False,
        help_text=_("Demo records the public sources do not name are marked as invented."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def clean(self):
        if self.uscc:
            self.uscc = uscc_normalise(self.uscc)
        else:
            self.uscc = None


class User(AbstractUser):
    """An account. Roles are auth groups named by `Role` codes."""

    display_name = models.CharField(_("name"), max_length=60, blank=True)
    mobile = models.CharField(_("mobile"), max_length=20, blank=True, validators=[validate_mobile])
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    title = models.CharField(_("job title"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @cached_property
    def role_codes(self) -> frozenset[str]:
        if not self.is_authenticated or not self.is_active:
            return frozenset()
        codes = set(self.groups.values_list("name", flat=True)) & set(Role.values)
        if self.is_superuser:
            codes.add(Role.ADMINISTRATOR)
        return frozenset(codes)

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_codes & set(roles))
