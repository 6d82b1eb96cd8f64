namespace MicroSpa.Web.Features.Reports;

/// <summary>How a schedule figure is counted and shown: a count, hours (to 0.01), a percent (to 0.1) or days (to 0.1).</summary>
public enum FigureUnit
{
    Count,
    Hours,
    Percent,
    Days,
}

/// <summary>
/// The schedule report's figures for some clinic days (decision 052): appointments dated by the clinic day of their start
/// as they stand now (a moved one at its new time), and the hours providers could be booked by availability's rules.
/// </summary>
public sealed class ScheduleFigures
{
    public long Appointments { get; set; }
    public long NoShows { get; set; }
    public long LateCancellations { get; set; }
    public long Online { get; set; }
    public long FrontDesk { get; set; }
    public long Waitlist { get; set; }

    /// <summary>Appointments brought over from the clinic's previous system by an import (decision 056).</summary>
    public long Imported { get; set; }
    public decimal BookedHours { get; set; }
    public decimal AvailableHours { get; set; }
    public decimal? LeadTimeDays { get; set; }
    public long NewClients { get; set; }
    public long ReturningClients { get; set; }

    public decimal? Utilisation => Percent(BookedHours, AvailableHours);

    public decimal? NoShowRate => Percent(NoShows, Appointments);

    public decimal? LateCancellationRate => Percent(LateCancellations, Appointments);

    /// <summary>A share as a percent to one decimal; none when there is nothing to share.</summary>
    public static decimal? Percent(decimal part, decimal whole) =>
        whole == 0m ? null : Math.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero);

    /// <summary>Hours rounded once, to the hundredth, as shown and written in the CSV.</summary>
    public static decimal Hours(decimal hours) => Math.Round(hours, 2, MidpointRounding.AwayFromZero);

    /// <summary>Adds one of the report query's sums (see <see cref="ScheduleReport"/> for the figure codes).</summary>
    public void Add(string figure, long count, decimal value)
    {
        switch (figure)
        {
            case "Appointments":
                Appointments += count;
                break;
            case "NoShow":
                NoShows += count;
                break;
            case "LateCancel":
                LateCancellations += count;
                break;
            case "Source:Online":
                Online += count;
                break;
            case "Source:FrontDesk":
                FrontDesk += count;
                break;
            case "Source:Waitlist":
                Waitlist += count;
                break;
            case "Source:Imported":
                Imported += count;
                break;
            case "Provider":
                BookedHours += value;
                break;
            case "Room" or "Device":
                break;
            default:
                throw new InvalidOperationException($"The schedule report has no figure for '{figure}': add it to ScheduleFigures and docs/reports.md.");
        }
    }

    /// <summary>The figures, with the sentence under the table and in docs/reports.md that says what each counts.</summary>
    public static readonly IReadOnlyList<Definition> Definitions =
    [
        new("appointments", "Appointments booked", FigureUnit.Count, f => f.Appointments,
            "The appointments whose start falls on a clinic day of the period, as they stand now (a moved one at its new time, counted once), cancelled ones and no-shows included; an online booking never paid for (its held time released) is not one."),
        new("no_shows", "No-shows", FigureUnit.Count, f => f.NoShows,
            "The appointments of the period marked as a no-show."),
        new("no_show_rate", "No-show rate", FigureUnit.Percent, f => f.NoShowRate,
            "No-shows over the appointments booked for the period, as a percent."),
        new("late_cancellations", "Late cancellations", FigureUnit.Count, f => f.LateCancellations,
            "The appointments of the period cancelled at the client's request inside the clinic's cancellation cutoff (the booking policy's hours before the start), recorded as a late cancel when they were cancelled."),
        new("late_cancellation_rate", "Late-cancellation rate", FigureUnit.Percent, f => f.LateCancellationRate,
            "Late cancellations over the appointments booked for the period, as a percent."),
        new("online", "Booked online", FigureUnit.Count, f => f.Online,
            "The appointments of the period the client booked online (the booking pages or the API)."),
        new("front_desk", "Booked at the desk", FigureUnit.Count, f => f.FrontDesk,
            "The appointments of the period the front desk booked."),
        new("waitlist", "Booked from the waitlist", FigureUnit.Count, f => f.Waitlist,
            "The appointments of the period the client took from a time offered from the waitlist."),
        new("imported", "Imported from the previous system", FigureUnit.Count, f => f.Imported,
            "The appointments of the period brought over by an appointments import (decision 056): booked online, at the desk, from the waitlist and imported add up to the appointments booked."),
        new("booked_hours", "Booked hours (providers)", FigureUnit.Hours, f => Hours(f.BookedHours),
            "Start to end (not the buffer after) of the appointments of the period that were not cancelled, no-shows included (their time was kept for them), summed over providers."),
        new("available_hours", "Available hours (providers)", FigureUnit.Hours, f => Hours(f.AvailableHours),
            "Per provider and clinic day, as availability offers times: the regular week and extra shifts, inside the clinic's opening hours, less time off, in elapsed hours in the clinic's time zone (09:00–17:00 on the day the clocks change is 8 hours); summed over the bookable providers and those with booked hours."),
        new("utilisation", "Utilisation (providers)", FigureUnit.Percent, f => f.Utilisation,
            "Booked hours over available hours, as a percent; above 100 % when appointments were booked outside the hours a provider works."),
        new("lead_time", "Lead time, median (days)", FigureUnit.Days, f => f.LeadTimeDays,
            "The median, over the appointments of the period that were not cancelled, of the time from when each was booked to its start (a moved one's start now), in days of 24 hours to one decimal; imported appointments are left out (the previous system's booking time is not known)."),
        new("new_clients", "New clients", FigureUnit.Count, f => f.NewClients,
            "The clients who came (checked in, treated or completed) to an appointment of the period and never before its first day; a client's records merged into one count once, as the record kept."),
        new("returning_clients", "Returning clients", FigureUnit.Count, f => f.ReturningClients,
            "The clients who came to an appointment of the period and had come before its first day, each counted once (merged records as the record kept)."),
    ];

    /// <summary>
    /// The figures of a whole period only, not of its rows: a median and distinct clients do not add up by day, so the
    /// table per day, week or month leaves them out.
    /// </summary>
    public static readonly IReadOnlySet<string> PeriodOnly = new HashSet<string>(StringComparer.Ordinal) { "lead_time", "new_clients", "returning_clients" };

    /// <summary>What the table per provider, room and device counts.</summary>
    public const string ResourcesDefinition =
        "Per provider, room and device: booked hours (start to end of the appointments of the period not cancelled, no-shows included) over available hours. A provider's available hours are as above; a room's or a device's are the clinic's opening hours (with none set, the hours any bookable provider works) less its out-of-service periods.";

    public sealed record Definition(string Key, string Label, FigureUnit Unit, Func<ScheduleFigures, decimal?> Value, string Sentence);
}
