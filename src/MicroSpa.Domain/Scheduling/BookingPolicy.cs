namespace MicroSpa.Domain.Scheduling;

/// <summary>The clinic's booking rules. One row; defaults from the product brief, editable by an Admin.</summary>
public sealed class BookingPolicy
{
    public const int SingletonId = 1;

    private readonly List<WorkingHours> _openingHours = [];

    private BookingPolicy()
    {
    }

    public int Id { get; private set; } = SingletonId;

    /// <summary>How far ahead of its start a slot must be booked online.</summary>
    public int MinimumNoticeMinutes { get; private set; } = 120;

    /// <summary>How many days ahead online booking reaches.</summary>
    public int HorizonDays { get; private set; } = 60;

    /// <summary>Until how many hours before the start a client may cancel or reschedule online.</summary>
    public int CancellationCutoffHours { get; private set; } = 24;

    /// <summary>The grid open times are offered on.</summary>
    public int SlotMinutes { get; private set; } = 15;

    /// <summary>How long a screening stays valid for "nothing has changed".</summary>
    public int ScreeningValidDays { get; private set; } = 30;

    /// <summary>How long before its start a visit can be checked in; never before its day in the clinic's time.</summary>
    public int CheckInOpensMinutesBefore { get; private set; } = 60;

    public const int LongestCheckInWindowMinutes = 12 * 60;

    public void SetCheckInWindow(int minutesBefore)
    {
        if (minutesBefore is < 0 or > LongestCheckInWindowMinutes)
        {
            throw new DomainException($"Check-in opens 0 to {LongestCheckInWindowMinutes} minutes (12 hours) before the start.", nameof(CheckInOpensMinutesBefore));
        }

        CheckInOpensMinutesBefore = minutesBefore;
    }

    /// <summary>
    /// Refuses a check-in outside the appointment's day (the clinic's calendar day) or earlier than the window
    /// before its start: a client is checked in when they arrive, not weeks ahead (which would open the chart).
    /// </summary>
    public void EnsureCheckInOpen(DateTimeOffset startsAt, DateTimeOffset now, ClinicTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var day = zone.Today(startsAt);
        var (opens, dayEnds) = CheckInWindow(startsAt, zone);
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (now >= dayEnds)
        {
            throw new DomainException(string.Create(culture, $"This appointment was on {day:dddd d MMMM}: it can no longer be checked in."));
        }

        if (now < opens)
        {
            throw new DomainException(zone.Today(now) == day
                ? string.Create(culture, $"Check-in opens at {zone.ToLocal(opens):HH:mm}, {CheckInOpensMinutesBefore} minutes before the appointment.")
                : string.Create(culture, $"This appointment is on {day:dddd d MMMM}: check-in opens that day at {zone.ToLocal(opens):HH:mm}."));
        }
    }

    /// <summary>
    /// When a visit starting at <paramref name="startsAt"/> can be checked in: from the window before its start (never
    /// before its day begins in the clinic's time) until its day ends.
    /// </summary>
    public (DateTimeOffset Opens, DateTimeOffset Closes) CheckInWindow(DateTimeOffset startsAt, ClinicTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var (dayStarts, dayEnds) = zone.DayBounds(zone.Today(startsAt));
        var opens = startsAt - TimeSpan.FromMinutes(CheckInOpensMinutesBefore);
        return (opens < dayStarts ? dayStarts : opens, dayEnds);
    }

    /// <summary>Whether charts signed by estheticians and nurses wait for the medical director's co-signature.</summary>
    public bool CoSignatureRequired { get; private set; }

    public void RequireCoSignature(bool required) => CoSignatureRequired = required;

    /// <summary>Whether a chart signed now waits for a co-signature: when the clinic requires one, unless the medical director signed it.</summary>
    public bool CoSignatureNeeded(bool signedByMedicalDirector) => CoSignatureRequired && !signedByMedicalDirector;

    /// <summary>
    /// Before photos per charted area that signing a needling chart requires when the client agreed to photos
    /// (0: none). Without photo consent the provider writes why there are none.
    /// </summary>
    public int BeforePhotosPerArea { get; private set; }

    public void SetBeforePhotosRule(int perArea)
    {
        Treatments.BeforePhotos.EnsureSetting(perArea);
        BeforePhotosPerArea = perArea;
    }

    /// <summary>How long a medical clearance (good-faith exam) runs by default, in months; the examiner may set an earlier expiry.</summary>
    public int ClearanceValidMonths { get; private set; } = 12;

    public void SetClearanceValidity(int months)
    {
        if (months is < 1 or > Intake.MedicalClearance.MaxValidMonths)
        {
            throw new DomainException($"A clearance runs 1 to {Intake.MedicalClearance.MaxValidMonths} months.", nameof(ClearanceValidMonths));
        }

        ClearanceValidMonths = months;
    }

    /// <summary>When the clinic is open, in its local time; times are offered only inside these hours.</summary>
    public IReadOnlyCollection<WorkingHours> OpeningHours => _openingHours.AsReadOnly();

    public TimeSpan MinimumNotice => TimeSpan.FromMinutes(MinimumNoticeMinutes);
    public TimeSpan CancellationCutoff => TimeSpan.FromHours(CancellationCutoffHours);

    /// <summary>Whether providers' calendar feeds name clients in full; off, they show initials only (decision 039).</summary>
    public bool CalendarFeedsShowNames { get; private set; }

    public void SetCalendarFeedNames(bool showNames) => CalendarFeedsShowNames = showNames;

    public static BookingPolicy Default() => new();

    /// <remarks>Washout periods (isotretinoin...) belong to the screening questions the medical director publishes (decision 027).</remarks>
    public void Change(int minimumNoticeMinutes, int horizonDays, int cancellationCutoffHours, int screeningValidDays)
    {
        if (minimumNoticeMinutes is < 0 or > 7 * 24 * 60)
        {
            throw new DomainException("The minimum notice is 0 minutes to 7 days.", nameof(MinimumNoticeMinutes));
        }

        if (horizonDays is < 1 or > 365)
        {
            throw new DomainException("The booking horizon is 1 to 365 days.", nameof(HorizonDays));
        }

        if (cancellationCutoffHours is < 0 or > 14 * 24)
        {
            throw new DomainException("The cancellation cutoff is 0 hours to 14 days.", nameof(CancellationCutoffHours));
        }

        if (screeningValidDays is < 0 or > 365)
        {
            throw new DomainException("A screening stays valid 0 to 365 days.", nameof(ScreeningValidDays));
        }

        MinimumNoticeMinutes = minimumNoticeMinutes;
        HorizonDays = horizonDays;
        CancellationCutoffHours = cancellationCutoffHours;
        ScreeningValidDays = screeningValidDays;
    }

    /// <summary>Replaces the opening hours: blocks on the same day may not overlap; a day without a block is closed.</summary>
    public void SetOpeningHours(IEnumerable<WorkingHours> hours)
    {
        var list = hours.Select(h => h with { }).ToList();
        for (var i = 0; i < list.Count; i++)
        {
            for (var j = i + 1; j < list.Count; j++)
            {
                if (list[i].Overlaps(list[j]))
                {
                    throw new DomainException($"Opening hours on {list[i].Day} overlap.", nameof(OpeningHours));
                }
            }
        }

        if (list.Count == 0)
        {
            throw new DomainException("The clinic must be open on at least one day.", nameof(OpeningHours));
        }

        _openingHours.Clear();
        _openingHours.AddRange(list.OrderBy(h => h.Day).ThenBy(h => h.Start));
    }
}
