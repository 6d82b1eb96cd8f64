using System.Globalization;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Reports;

/// <summary>How a report's figures are cut: one row per day, per week (Monday to Sunday) or per calendar month.</summary>
public enum Grouping
{
    Day,
    Week,
    Month,
}

/// <summary>
/// A report's dates as the address carries them. Kept as text so a date that cannot be read is told on its field
/// (a bound <see cref="DateOnly"/> would be null, and an out-of-range one a 400 page) instead of being lost.
/// </summary>
public sealed class ReportQuery
{
    /// <summary>The first clinic day, yyyy-MM-dd (the date input's format).</summary>
    public string? From { get; set; }

    /// <summary>The last clinic day, included.</summary>
    public string? To { get; set; }

    /// <summary>day, week or month.</summary>
    public string? By { get; set; }
}

/// <summary>One row of a report: the clinic days it sums, both included.</summary>
public sealed record Bucket(DateOnly From, DateOnly To, string Label)
{
    public bool Contains(DateOnly day) => day >= From && day <= To;
}

/// <summary>
/// The clinic days a report covers (dates of the clinic's calendar, decision 049) and the period it is compared with:
/// the same number of whole months before when the range is whole months (April against March), else the same number
/// of days just before (a 10-day range against the 10 days before it).
/// </summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To, Grouping By)
{
    /// <summary>The longest report: two years, so a period and its comparison read at most four years of entries.</summary>
    public const int MaxYears = 2;

    /// <summary>Beyond this many days a row per day is unreadable: grouped by week or month instead.</summary>
    public const int MaxDaysByDay = 92;

    public const string DateFormat = "yyyy-MM-dd";

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The range starts on a month's first day and ends on a month's last.</summary>
    public bool IsWholeMonths => From.Day == 1 && To.AddDays(1).Day == 1;

    public ReportPeriod Previous
    {
        get
        {
            if (IsWholeMonths)
            {
                var months = ((To.Year * 12) + To.Month) - ((From.Year * 12) + From.Month) + 1;
                return this with { From = From.AddMonths(-months), To = From.AddDays(-1) };
            }

            var to = From.AddDays(-1);
            return this with { From = to.AddDays(-(Days - 1)), To = to };
        }
    }

    /// <summary>The rows, in order; a week or month cut by the range's ends keeps only its days inside it.</summary>
    public IReadOnlyList<Bucket> Buckets(CultureInfo culture)
    {
        var buckets = new List<Bucket>();
        var start = From;
        while (start <= To)
        {
            var end = By switch
            {
                Grouping.Day => start,
                Grouping.Week => start.AddDays((7 - (((int)start.DayOfWeek + 6) % 7)) - 1),
                _ => new DateOnly(start.Year, start.Month, 1).AddMonths(1).AddDays(-1),
            };
            if (end > To)
            {
                end = To;
            }

            var label = By switch
            {
                Grouping.Day => start.ToString("ddd d MMM yyyy", culture),
                Grouping.Week => start == end ? start.ToString("d MMM yyyy", culture) : $"{start.ToString("d MMM", culture)} – {end.ToString("d MMM yyyy", culture)}",
                _ => start.Day == 1 && end.AddDays(1).Day == 1
                    ? start.ToString("MMMM yyyy", culture)
                    : $"{start.ToString("d MMM", culture)} – {end.ToString("d MMM yyyy", culture)}",
            };
            buckets.Add(new Bucket(start, end, label));
            start = end.AddDays(1);
        }

        return buckets;
    }

    /// <summary>
    /// Reads the address: with no dates, the clinic's current month by day; otherwise both dates, in order, at most
    /// two years apart. Answers the period, or the messages by field (From, To, By).
    /// </summary>
    public static (ReportPeriod? Period, IReadOnlyDictionary<string, string> Errors) Read(ReportQuery query, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new Dictionary<string, string>();
        DateOnly? from, to;
        if (string.IsNullOrWhiteSpace(query.From) && string.IsNullOrWhiteSpace(query.To))
        {
            from = new DateOnly(today.Year, today.Month, 1);
            to = from.Value.AddMonths(1).AddDays(-1);
        }
        else
        {
            from = ReadDate(query.From, nameof(ReportQuery.From), "first", errors);
            to = ReadDate(query.To, nameof(ReportQuery.To), "last", errors);
        }

        if (from is { } f && to is { } t)
        {
            if (t < f)
            {
                errors[nameof(ReportQuery.To)] = "The last day comes on or after the first.";
            }
            else if (t >= f.AddYears(MaxYears))
            {
                errors[nameof(ReportQuery.To)] =
                    $"A report covers at most {MaxYears} years: choose a last day up to {f.AddYears(MaxYears).AddDays(-1).ToString(DateFormat, CultureInfo.InvariantCulture)}.";
            }
        }

        Grouping? by = query.By?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "day" => Grouping.Day,
            "week" => Grouping.Week,
            "month" => Grouping.Month,
            _ => Refuse(errors, nameof(ReportQuery.By), "Group by day, week or month."),
        };
        if (errors.Count > 0 || from is null || to is null)
        {
            return (null, errors);
        }

        var days = to.Value.DayNumber - from.Value.DayNumber + 1;
        by ??= days <= MaxDaysByDay ? Grouping.Day : Grouping.Month;
        if (by == Grouping.Day && days > MaxDaysByDay)
        {
            errors[nameof(ReportQuery.By)] = $"Group by week or month for more than {MaxDaysByDay} days.";
            return (null, errors);
        }

        return (new ReportPeriod(from.Value, to.Value, by.Value), errors);
    }

    private static DateOnly? ReadDate(string? text, string field, string which, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[field] = $"Choose the {which} day.";
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors[field] = $"Enter the {which} day as a date, for example 2027-04-01.";
            return null;
        }

        if (!CalendarRange.Contains(date))
        {
            errors[field] = CalendarRange.Message;
            return null;
        }

        return date;
    }

    private static Grouping? Refuse(Dictionary<string, string> errors, string field, string message)
    {
        errors[field] = message;
        return null;
    }
}
