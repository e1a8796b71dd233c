"""/api/v1/alignments/, /api/v1/national-rollup/ and /api/v1/national-reports/: the national
view's data under the pages' rules, checked against the schema."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.national.conftest import approved, objective, quarter_round
from vawdasv.national import services
from vawdasv.national.models import NationalReport

Q2_END = datetime.date(2025, 9, 30)


def test_alignments_follow_what_each_caller_may_read(as_persona, plan):
    world = plan.world
    rows = {r["action"]: r for r in as_persona("anonymous").results("/api/v1/alignments/")}
    assert plan.draft_action.pk not in rows  # a draft plan's action is not public
    police = rows[world.police_action.pk]
    assert [i["code"] for i in police["items"]] == ["prevention"]
    assert police["strategy"] == "cv-2023" and police["carried_from_commitment"] is True
    members = as_persona("admin").results("/api/v1/alignments/", strategy="cv-draft")
    assert {r["action"] for r in members} == {plan.draft_action.pk}


def test_aligning_a_plan_shows_in_alignments_changed_since(as_persona, plan):
    world = plan.world
    before = timezone.now()
    api = as_persona("admin")
    assert api.results("/api/v1/alignments/", modified_since=before.isoformat()) == []
    services.align_plan(
        actor=world.admin, strategy=world.strategy,
        choices={world.commitment.pk: {objective("1").pk}},
    )  # fmt: skip
    changed = api.results("/api/v1/alignments/", modified_since=before.isoformat())
    assert world.police_action.pk in {r["action"] for r in changed}
    assert {i["code"] for r in changed for i in r["items"]} == {"1"}


def test_the_roll_up_counts_per_objective_for_those_who_may_open_the_all_wales_view(
    as_persona, plan
):
    world = plan.world
    world.police_action.alignments.set([objective("1")])
    approved(quarter_round(world.strategy, "2025/26 Q2", Q2_END), world.police_action, "green")
    assert as_persona("anonymous").get("/api/v1/national-rollup/").status_code in (401, 403)
    api = as_persona("observer")
    response = api.get("/api/v1/national-rollup/", year="2025")
    assert response.status_code == 200
    body = response.json()
    assert body["period"] == "2025/26"
    first = next(item for item in body["items"] if item["code"] == "1")
    assert first["total"]["green"] == 1
    regions = {cell["partnership"]: cell for cell in first["regions"]}
    assert regions["cardiff-vale"]["actions"] == 1
    assert regions["gwent"]["reported"] is False  # "no report", never zero
    again = api.client.get("/api/v1/national-rollup/", {"year": "2025"},
                           HTTP_IF_NONE_MATCH=response["ETag"])  # fmt: skip
    assert again.status_code == 304
    later = (timezone.now() + datetime.timedelta(minutes=1)).isoformat()
    assert (
        api.get("/api/v1/national-rollup/", year="2025", modified_since=later).json()["items"] == []
    )
    assert api.get("/api/v1/national-rollup/", year="twenty").status_code == 400


def test_issued_national_reports_are_listed_for_everyone_with_a_download_link(as_persona, plan):
    issued = NationalReport.objects.create(
        year=2025, language="cy", format="pdf", state=NationalReport.State.DONE,
        file_name="adroddiad.pdf", sha256="0" * 64, issued_at=timezone.now(),
    )  # fmt: skip
    issued.file.save("adroddiad.pdf", ContentFile(b"%PDF-1.7"), save=True)
    NationalReport.objects.create(year=2025, language="en", format="docx", version=2)  # queued
    rows = as_persona("anonymous").results("/api/v1/national-reports/")
    assert [(r["id"], r["period"], r["language"]) for r in rows] == [(issued.pk, "2025/26", "cy")]
    assert rows[0]["download"].endswith(f"/all-wales/report/{issued.pk}/download/")
