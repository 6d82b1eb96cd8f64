using MicroSpa.Domain.Treatments;

namespace MicroSpa.Domain.Scheduling;

/// <summary>A client's other session (booked or done) and the areas it treats.</summary>
public sealed record AreaSession(DateTimeOffset StartsAt, IReadOnlyCollection<Guid> AreaIds);

/// <summary>Why a start is too close to another session on the same area, and the earliest start allowed.</summary>
public sealed record IntervalConflict(BodyArea Area, DateTimeOffset OtherSessionStartsAt, DateTimeOffset EarliestAllowed);

/// <summary>
/// The skin needs time to remodel: sessions on the same area keep the area's minimum gap
/// (DOMAIN.md: 4 weeks by default, 1 week for the scalp).
/// </summary>
public static class ProtocolInterval
{
    public static IntervalConflict? Check(DateTimeOffset start, IEnumerable<BodyArea> areas, IEnumerable<AreaSession> otherSessions)
    {
        var sessions = otherSessions.ToList();
        IntervalConflict? worst = null;
        foreach (var area in areas)
        {
            var gap = TimeSpan.FromDays(area.MinimumIntervalDays);
            foreach (var session in sessions.Where(s => s.AreaIds.Contains(area.Id)))
            {
                if ((start - session.StartsAt).Duration() < gap)
                {
                    var earliest = session.StartsAt + gap;
                    if (worst is null || earliest > worst.EarliestAllowed)
                    {
                        worst = new IntervalConflict(area, session.StartsAt, earliest);
                    }
                }
            }
        }

        return worst;
    }
}
