"""The public notice pages: no login. They show only what a notice must show — project,
applicant organisation, proposed amount, period and how to object — never scores,
reviewers or who objected."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wusong.audit.pages import REFUSALS, report_refusal

from .. import selectors, services
from ..forms import ObjectionForm


def client_ip(request) -> str | None:
    """The address the request came from, as the web server saw it. Behind a reverse
    proxy, the proxy must pass the client's address as REMOTE_ADDR."""
    return request.META.get("REMOTE_ADDR") or None


def notice_list(request):
    return render(request, "notices/notice_list.html", {"notices": selectors.public_notices()})


def notice_detail(request, pk):
    notice = get_object_or_404(selectors.public_notices(), pk=pk)
    items = list(notice.items.all())
    live = [i for i in items if not i.dropped]
    open_now = selectors.notice_is_open_for_objections(notice)
    form = None
    status = 200
    if open_now:
        form = ObjectionForm(request.POST or None, request.FILES or None, items=live)
        if request.method == "POST" and form.is_valid():
            try:
                objection = services.objection_file(
                    notice,
                    form.data_for_service(),
                    form.cleaned_data.get("attachment"),
                    client_ip=client_ip(request),
                )
            except REFUSALS as exc:
                report_refusal(request, exc, form)
                status = getattr(exc, "status_code", 400)
            else:
                messages.success(
                    request,
                    _(
                        "Your objection was received. Its receipt number is %(ref)s; quote it "
                        "when you contact the office."
                    )
                    % {"ref": objection.reference},
                )
                return redirect("notices:public_notice", pk=notice.pk)
    elif request.method == "POST":
        status = 409
        messages.error(
            request,
            _("The notice period ended on %(date)s; objections are no longer accepted.")
            % {"date": notice.period_end.strftime("%Y-%m-%d")},
        )
    return render(
        request,
        "notices/notice_detail.html",
        {
            "notice": notice,
            "items": items,
            "total": notice.total(),
            "open_now": open_now,
            "period_over": notice.period_over(),
            "form": form,
            "rate_limit": services.OBJECTION_RATE_LIMIT,
            "rate_window_minutes": services.OBJECTION_RATE_WINDOW // 60,
        },
        status=status,
    )
