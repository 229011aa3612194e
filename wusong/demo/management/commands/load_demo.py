"""``python manage.py load_demo``: load the Baoshan demo data and print the demo accounts."""

import os
import time
import unicodedata

from django.core.management.base import BaseCommand
from django.utils import translation

from wusong.demo.loader import load_demo
from wusong.registry.roles import Role

COUNT_LABELS = {
    "industries": "产业领域 industries",
    "zones": "功能区 zones",
    "parks": "园区 parks",
    "organisations": "机构 organisations",
    "users": "账号 accounts",
    "programmes": "项目类型 programmes",
    "calls": "批次 calls",
    "declarations": "申报 declarations",
    "attachments": "附件 attachments",
    "agreements": "协议 agreements",
    "disbursements": "拨付 disbursements",
    "positions": "可转换头寸 positions",
    "conversions": "转股 conversions",
    "experts": "评审专家 experts",
    "review_rounds": "评审轮次 review rounds",
    "assignments": "评审分配 assignments",
    "score_sheets": "评分表 score sheets",
    "projects": "投后跟踪项目 followed projects",
    "assessments": "五维评估 assessments",
    "plan_items": "服务计划事项 plan items",
    "service_logs": "服务记录 service logs",
    "company_reports": "企业季报 company reports",
    "meetings": "评审论证会 review meetings",
    "votes": "表决 votes",
    "notices": "公示 public notices",
    "audit_entries": "审计记录 audit entries",
}


def pad(text: str, width: int) -> str:
    """`text` padded to `width` terminal columns; Chinese characters take two."""
    columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - columns, 1)


class Command(BaseCommand):
    help = "Load the Baoshan demo data (safe to run again) and print one account per role."

    def handle(self, *args, **options):
        started = time.monotonic()
        result = load_demo()
        elapsed = time.monotonic() - started
        created = sum(result.created.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"演示数据已就绪 Demo data ready ({elapsed:.1f} s; "
                f"本次新建 created this run: {created})"
            )
        )
        for key, label in COUNT_LABELS.items():
            self.stdout.write(f"  {pad(label, 30)}{result.counts[key]:>6}")

        rows = []
        with translation.override("en"):
            for account in result.accounts:
                role_en = account["role_en"] or str(Role(account["role"]).label)
                rows.append((f"{account['role_zh']} {role_en}", account["username"]))
        self.stdout.write("")
        self.stdout.write("演示账号（共用密码）Demo accounts (one shared password)")
        self.stdout.write(f"  {pad('角色 Role', 32)}{pad('用户名 Username', 18)}密码 Password")
        for role, username in rows:
            self.stdout.write(f"  {pad(role, 32)}{pad(username, 18)}{result.password}")
        url = f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"打开 Open: {url}"))
