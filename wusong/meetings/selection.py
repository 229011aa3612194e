"""The selection meeting's own kind of agenda item: a declaration of the meeting's call
that passed formal review, voted approve / candidate / reject."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wusong.documents.models import DocumentKey
from wusong.kernels.votes import SELECTION

from . import services
from .agenda import AgendaKind
from .forms import AgendaAddForm
from .models import Purpose


class SelectionAgenda(AgendaKind):
    purpose = Purpose.SELECTION
    scale = SELECTION
    heading = gettext_lazy("Declaration")
    minutes_document = DocumentKey.MEETING_MINUTES.value
    agenda_choose = gettext_lazy("Choose a declaration that passed formal review.")

    def vote_refusal(self, sitting):
        return _("Vote approve, candidate or reject.")

    def agenda_form(self, meeting, data=None):
        return AgendaAddForm(data, meeting=meeting)

    def agenda_add(self, user, meeting, form):
        declarations = [i.declaration for i in meeting.items.select_related("declaration")]
        services.agenda_set(user, meeting, [*declarations, form.cleaned_data["declaration"]])
