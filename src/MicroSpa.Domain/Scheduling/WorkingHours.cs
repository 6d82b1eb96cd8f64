namespace MicroSpa.Domain.Scheduling;

/// <summary>One block of a provider's regular week, in the clinic's local time.</summary>
public sealed record WorkingHours
{
    public WorkingHours(DayOfWeek day, TimeOnly start, TimeOnly end)
    {
        if (end <= start)
        {
            throw new DomainException("Working hours must end after they start.", nameof(End));
        }

        Day = day;
        Start = start;
        End = end;
    }

    public DayOfWeek Day { get; private init; }
    public TimeOnly Start { get; private init; }
    public TimeOnly End { get; private init; }

    public bool Overlaps(WorkingHours other) =>
        other.Day == Day && other.Start < End && Start < other.End;
}
