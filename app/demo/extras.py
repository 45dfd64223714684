"""What an office has besides cases: complaints in every status, satisfaction surveys, last month's batches."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.context import Office
from app.demo.clock import TZ
from app.demo.simulation import Simulation
from app.demo.staff import COMPLAINT_TOPICS, SERVICE_WEIGHTS, SKM_CODES
from app.errors import ValidationError


def complaints(demo: Simulation, now: datetime) -> int:
    from app.services import complaints as complaints_svc

    rng, o = demo.rng, demo.office
    channels = ["langsung", "langsung", "kotak_saran", "email", "whatsapp", "whatsapp", "lapor", "medsos"]
    by_service: dict[str, list[int]] = {}
    for cid, service in demo.case_ids:
        by_service.setdefault(service, []).append(cid)
    n = max(3, len(demo.case_ids) // 15)
    days = demo.clock.workdays_back(now.astimezone(TZ).date(), 60)
    made = 0
    for i in range(n):
        topic, service = COMPLAINT_TOPICS[i % len(COMPLAINT_TOPICS)]
        channel = channels[i % len(channels)]
        received = demo.clock.local(rng.choice(days), rng.randint(demo.clock.hours[0], demo.clock.hours[1] + 1),
                                    rng.randint(0, 59))
        if received > now:
            continue
        case_id = rng.choice(by_service[service]) if service and by_service.get(service) else None
        x = complaints_svc.register(
            o, actor=demo.who("front_office"), channel=channel, topic=topic,
            description="Disampaikan oleh pemohon; mohon ditindaklanjuti.",
            complainant_name=rng.choice(["Bapak Suhardi", "Ibu Maryam", "Sdr. Rizal", "Ibu Lina", "Bapak Tono"]),
            complainant_contact=f"08{rng.randint(11, 59)}{rng.randint(10_000_000, 99_999_999)}",
            lapor_ticket=f"LAP-{received:%Y%m}-{rng.randint(1000, 9999)}" if channel == "lapor" else "",
            case_id=case_id, received_at=received)
        made += 1
        stage = rng.random()
        t = demo.days_later(received, 1, 4)
        if stage < 0.25 or t > now:
            continue  # baru
        handler = demo.who(rng.choice(["manager", "kasi_linjamsos", "back_office"]))
        complaints_svc.follow_up(o, actor=handler, complaint_id=x.id, at=t,
                             text="Dicek ke petugas terkait; berkas ditelusuri.")
        t = demo.days_later(t, 1, 5)
        if stage < 0.45 or t > now:
            continue  # ditindaklanjuti
        complaints_svc.answer(o, actor=handler, complaint_id=x.id, at=t,
                          text="Sudah kami jelaskan kepada pengadu; layanan telah diselesaikan.")
        t = demo.days_later(t, 0, 2)
        if stage < 0.65 or t > now:
            continue  # dijawab
        complaints_svc.close(o, actor=handler, complaint_id=x.id, at=t)
    return made


def surveys(demo: Simulation) -> None:
    from app.services import survey

    for cid, closed_at in demo.closed:
        if demo.rng.random() < 0.4:
            answers = {code: demo.rng.choices([2, 3, 4], weights=[1, 5, 6])[0] for code in SKM_CODES}
            survey.record(demo.office, actor=demo.who("front_office"), case_id=cid, answers=answers,
                          now=closed_at + timedelta(minutes=demo.rng.randint(2, 10)))


def close_batches(demo: Simulation, now: datetime) -> list[str]:
    from app.services import batches

    local = now.astimezone(TZ).date()
    last = (local.replace(day=1) - timedelta(days=1))
    period = f"{last.year:04d}-{last.month:02d}"
    made = []
    for service in SERVICE_WEIGHTS:
        try:
            res = batches.close_batch(demo.office, actor=demo.who("supervisor"), service_code=service, period=period,
                                      now=now)
        except batches.EmptyBatch:
            continue
        except ValidationError as exc:
            if "Tidak ada kasus" in str(exc):
                continue
            raise
        if res.created:
            made.append(f"{service} {period} no. {res.batch.sequence} ({res.batch.record_count} berkas)")
    return made


def letter_count(office: Office) -> int:
    from sqlmodel import func, select

    from app.db.models import Letter

    with office.db.read() as s:
        return int(s.exec(select(func.count()).select_from(Letter)).one())
