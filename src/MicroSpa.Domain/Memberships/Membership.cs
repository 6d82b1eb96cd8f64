namespace MicroSpa.Domain.Memberships;

public enum MembershipStatus
{
    /// <summary>A member: each month is opened and charged.</summary>
    Active,

    /// <summary>A member whose months are paused (none is opened or charged while it lasts).</summary>
    Paused,

    /// <summary>Notice given: still a member until <see cref="Membership.EndsOn"/>.</summary>
    Cancelling,

    /// <summary>No longer a member.</summary>
    Ended,
}

/// <summary>
/// A client's membership of a plan (decision 061). Its months run from the day joined (<see cref="StartedOn"/>), each starting on
/// the same day of the month (<see cref="PeriodStart"/>, always counted from the first so a 31st stays a 31st where the month has
/// one, as Stripe's monthly anchor does). The membership refuses what the plan forbids: a pause beyond the plan's limit, a second
/// cancellation, anything once ended.
/// </summary>
public sealed class Membership
{
    public const int ReasonLength = 200;

    private readonly List<MembershipPause> _pauses = [];

    private Membership()
    {
        Currency = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public Guid PlanId { get; private set; }
    public MembershipCollection Collection { get; private set; }

    /// <summary>The plan's monthly price when the client joined (the plan never changes; kept so a month is charged as agreed).</summary>
    public decimal MonthlyPrice { get; private set; }

    public string Currency { get; private set; }

    /// <summary>The clinic day the client joined: the first month starts on it, and every later month on the same day of the month.</summary>
    public DateOnly StartedOn { get; private set; }

    public Guid JoinedBy { get; private set; }
    public DateTimeOffset JoinedAt { get; private set; }

    /// <summary>Stripe's customer (cus_…) and subscription (sub_…), for a plan collected by Stripe, once made.</summary>
    public string? StripeCustomerId { get; private set; }

    public string? StripeSubscriptionId { get; private set; }

    /// <summary>When notice was given (a clinic day), or null.</summary>
    public DateOnly? CancelledOn { get; private set; }

    /// <summary>The first day the client is no longer a member (the start of the month after the notice), or null.</summary>
    public DateOnly? EndsOn { get; private set; }

    public string? EndReason { get; private set; }

    public IReadOnlyList<MembershipPause> Pauses => _pauses.AsReadOnly();

    public static Membership Join(Guid clientId, MembershipPlan plan, DateOnly today, Guid byUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Retired)
        {
            throw new DomainException($"{plan.Name} is retired: members join another plan.", nameof(PlanId));
        }

        return new Membership
        {
            Id = Guid.CreateVersion7(),
            ClientId = clientId,
            PlanId = plan.Id,
            Collection = plan.Collection,
            MonthlyPrice = plan.MonthlyPrice,
            Currency = plan.Currency,
            StartedOn = today,
            JoinedBy = byUserId,
            JoinedAt = now.ToUniversalTime(),
        };
    }

    /// <summary>The first day of month <paramref name="number"/> (0 is the month joined).</summary>
    public DateOnly PeriodStart(int number) => StartedOn.AddMonths(number);

    /// <summary>The number of the month <paramref name="day"/> falls in (-1 before joining).</summary>
    public int PeriodNumberOn(DateOnly day)
    {
        if (day < StartedOn)
        {
            return -1;
        }

        var n = ((day.Year - StartedOn.Year) * 12) + day.Month - StartedOn.Month;
        while (n > 0 && PeriodStart(n) > day)
        {
            n--;
        }

        while (PeriodStart(n + 1) <= day)
        {
            n++;
        }

        return n;
    }

    /// <summary>A member on <paramref name="day"/>: joined, not yet ended.</summary>
    public bool IsMemberOn(DateOnly day) => day >= StartedOn && (EndsOn is not { } end || day < end);

    public bool PausedOn(DateOnly day)
    {
        var n = PeriodNumberOn(day);
        return n >= 0 && _pauses.Any(p => p.Covers(n));
    }

    /// <summary>The pause under way in the month of <paramref name="day"/> or to come after it, if any.</summary>
    public MembershipPause? PauseFrom(DateOnly day)
    {
        var n = PeriodNumberOn(day);
        return _pauses.LastOrDefault(p => p.Months > 0 && p.FirstNumber + p.Months > n);
    }

    public MembershipStatus StatusOn(DateOnly day) =>
        !IsMemberOn(day) && day >= StartedOn ? MembershipStatus.Ended
        : PausedOn(day) ? MembershipStatus.Paused
        : EndsOn is not null ? MembershipStatus.Cancelling
        : MembershipStatus.Active;

    /// <summary>
    /// In good standing on <paramref name="day"/> (the member discount applies): a member, not paused, and the month under way
    /// (<paramref name="current"/>) paid, or owed with no failed charge yet (the desk takes it at this checkout). A charge that
    /// failed pauses the benefits until it is paid (decision 061).
    /// </summary>
    public bool InGoodStandingOn(DateOnly day, MembershipPeriod? current) =>
        IsMemberOn(day) && !PausedOn(day) && current is { } month && month.MembershipId == Id && month.Covers(day)
        && (month.State == PeriodState.Paid || month is { State: PeriodState.Due, FailedAttempts: 0 });

    /// <summary>Month <paramref name="number"/> opened as due at the price joined; refused when the client is not a member then, or it is paused.</summary>
    public MembershipPeriod OpenPeriod(int number, DateTimeOffset now)
    {
        var starts = PeriodStart(number);
        if (number < 0 || !IsMemberOn(starts))
        {
            throw new DomainException("The membership does not run in that month.");
        }

        if (_pauses.Any(p => p.Covers(number)))
        {
            throw new DomainException("That month is paused.");
        }

        return new MembershipPeriod(Id, number, starts, PeriodStart(number + 1), MonthlyPrice, Currency, now);
    }

    public void AttachStripe(string customerId, string subscriptionId)
    {
        if (Collection != MembershipCollection.Stripe)
        {
            throw new DomainException("This membership is collected at the desk.");
        }

        StripeCustomerId = Required(customerId, nameof(StripeCustomerId));
        StripeSubscriptionId = Required(subscriptionId, nameof(StripeSubscriptionId));
    }

    /// <summary>
    /// Pauses the next <paramref name="months"/> months (from the next month's start: the month under way stays as paid), within the
    /// plan's limit of months paused in any twelve; refused while a pause is under way or to come, or once notice is given.
    /// </summary>
    public MembershipPause Pause(int months, int limitPerYear, DateOnly today, Guid byUserId, DateTimeOffset now)
    {
        RequireMember(today);
        if (EndsOn is not null)
        {
            throw new DomainException("Notice was given: the membership ends, it is not paused.", "Months");
        }

        if (limitPerYear == 0)
        {
            throw new DomainException("This plan is not paused.", "Months");
        }

        if (months < 1 || months > limitPerYear)
        {
            throw new DomainException($"Pause 1 to {limitPerYear} {(limitPerYear == 1 ? "month" : "months")}.", "Months");
        }

        if (PauseFrom(today) is not null)
        {
            throw new DomainException("A pause is under way or to come: resume it first.", "Months");
        }

        // Months paused in the twelve up to the new pause's last month.
        var first = PeriodNumberOn(today) + 1;
        var last = first + months - 1;
        var used = _pauses.Sum(p => Enumerable.Range(p.FirstNumber, p.Months).Count(m => m > last - 12 && m <= last));
        if (used + months > limitPerYear)
        {
            throw new DomainException(
                $"The plan allows {limitPerYear} {(limitPerYear == 1 ? "month" : "months")} paused in twelve; {used} {(used == 1 ? "is" : "are")} used already.", "Months");
        }

        var pause = new MembershipPause(Id, first, months, byUserId, now);
        _pauses.Add(pause);
        return pause;
    }

    /// <summary>Ends the pause under way or to come at the next month's start (that month is opened and charged again).</summary>
    public MembershipPause Resume(DateOnly today)
    {
        RequireMember(today);
        var pause = PauseFrom(today) ?? throw new DomainException("The membership is not paused.");
        pause.EndBefore(Math.Max(PeriodNumberOn(today) + 1, pause.FirstNumber));
        return pause;
    }

    /// <summary>
    /// Notice given on <paramref name="today"/>: the membership runs to the end of the month in which the notice ends (the plan's
    /// <paramref name="noticeDays"/>), so the months started before then are owed and no later one is.
    /// </summary>
    public DateOnly Cancel(int noticeDays, string? reason, DateOnly today)
    {
        RequireMember(today);
        if (EndsOn is not null)
        {
            throw new DomainException($"Notice was given already: the membership ends on {EndsOn:yyyy-MM-dd}.");
        }

        var noticeEnds = today.AddDays(noticeDays);
        var n = PeriodNumberOn(noticeEnds);
        var end = PeriodStart(n) == noticeEnds ? noticeEnds : PeriodStart(n + 1);
        CancelledOn = today;
        EndsOn = end;
        EndReason = Trim(reason);
        return end;
    }

    /// <summary>Ended at once on <paramref name="day"/> (Stripe ended the subscription; the clinic ended it).</summary>
    public void End(DateOnly day, string? reason)
    {
        if (EndsOn is { } end && end <= day)
        {
            return;
        }

        CancelledOn ??= day;
        EndsOn = day < StartedOn ? StartedOn : day;
        EndReason = Trim(reason) ?? EndReason;
    }

    private void RequireMember(DateOnly today)
    {
        if (!IsMemberOn(today))
        {
            throw new DomainException("The membership has ended.");
        }
    }

    private static string Required(string value, string field)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        return trimmed.Length is 0 or > 100 ? throw new DomainException("Stripe's id is missing.", field) : trimmed;
    }

    private static string? Trim(string? reason)
    {
        var trimmed = reason?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed[..Math.Min(trimmed.Length, ReasonLength)];
    }
}

/// <summary>Months of a membership not opened nor charged: from month <see cref="FirstNumber"/>, <see cref="Months"/> of them.</summary>
public sealed class MembershipPause
{
    private MembershipPause()
    {
    }

    internal MembershipPause(Guid membershipId, int firstNumber, int months, Guid byUserId, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        MembershipId = membershipId;
        FirstNumber = firstNumber;
        Months = months;
        PlannedMonths = months;
        ByUserId = byUserId;
        At = now.ToUniversalTime();
    }

    public Guid Id { get; private set; }
    public Guid MembershipId { get; private set; }

    /// <summary>The number of the first month paused.</summary>
    public int FirstNumber { get; private set; }

    /// <summary>How many months it pauses (fewer than <see cref="PlannedMonths"/> once resumed early; 0 when resumed before it began).</summary>
    public int Months { get; private set; }

    public int PlannedMonths { get; private set; }
    public Guid ByUserId { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>Month <paramref name="number"/> is paused.</summary>
    public bool Covers(int number) => number >= FirstNumber && number < FirstNumber + Months;

    internal void EndBefore(int number) => Months = Math.Max(0, Math.Min(Months, number - FirstNumber));
}
