using System.Globalization;
using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Domain.Treatments;

public enum AftercareKind
{
    /// <summary>What to expect (redness, swelling).</summary>
    Expect = 1,

    /// <summary>What to do (water only, sunscreen).</summary>
    Do = 2,

    /// <summary>What to avoid until a date (makeup, pools, actives).</summary>
    Avoid = 3,

    /// <summary>When to call the clinic.</summary>
    CallIf = 4,
}

/// <summary>
/// One line of the clinic's aftercare template (DOMAIN.md "Aftercare defaults", editable by the clinic).
/// "{until}" in the text becomes the concrete date and time, in the clinic's zone, <see cref="Hours"/>
/// after the treatment; deeper treatment and body areas may lengthen it.
/// </summary>
public sealed class AftercareTemplateItem
{
    private AftercareTemplateItem()
    {
        Text = string.Empty;
    }

    public AftercareTemplateItem(AftercareKind kind, string text, int? hours, int sortOrder, decimal? deeperThanMm = null, int extraHoursWhenDeeper = 0, int extraHoursOnBody = 0)
    {
        Id = Guid.CreateVersion7();
        Text = string.Empty;
        Change(kind, text, hours, deeperThanMm, extraHoursWhenDeeper, extraHoursOnBody);
        SortOrder = sortOrder;
        Active = true;
    }

    public const string Until = "{until}";

    public Guid Id { get; private set; }
    public AftercareKind Kind { get; private set; }
    public string Text { get; private set; }

    /// <summary>How long after the treatment "{until}" is; null for a line without a date.</summary>
    public int? Hours { get; private set; }

    /// <summary>Treatment deeper than this (any area) lengthens the line by <see cref="ExtraHoursWhenDeeper"/>.</summary>
    public decimal? DeeperThanMm { get; private set; }

    public int ExtraHoursWhenDeeper { get; private set; }

    /// <summary>Treatment on the body (not face, neck or scalp) lengthens the line by this.</summary>
    public int ExtraHoursOnBody { get; private set; }

    public int SortOrder { get; private set; }
    public bool Active { get; private set; }

    public void Change(AftercareKind kind, string text, int? hours, decimal? deeperThanMm, int extraHoursWhenDeeper, int extraHoursOnBody)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > FieldLengths.Description)
        {
            throw new DomainException($"An aftercare line has 1 to {FieldLengths.Description} characters.", nameof(Text));
        }

        if (hours is { } h && (h < 1 || h > 24 * 90))
        {
            throw new DomainException("A line lasts 1 hour to 90 days.", nameof(Hours));
        }

        if (trimmed.Contains(Until, StringComparison.Ordinal) != hours.HasValue)
        {
            throw new DomainException($"Use {Until} in the text exactly when the line has a duration.", nameof(Text));
        }

        if (extraHoursWhenDeeper < 0 || extraHoursOnBody < 0 || extraHoursWhenDeeper > 24 * 30 || extraHoursOnBody > 24 * 30)
        {
            throw new DomainException("Extra time is 0 to 30 days.", nameof(ExtraHoursWhenDeeper));
        }

        Kind = kind;
        Text = trimmed;
        Hours = hours;
        DeeperThanMm = deeperThanMm;
        ExtraHoursWhenDeeper = extraHoursWhenDeeper;
        ExtraHoursOnBody = extraHoursOnBody;
    }

    public void Retire() => Active = false;
}

/// <summary>One line of a client's aftercare plan, with its concrete end when it has one.</summary>
public sealed record AftercarePlanItem(AftercareKind Kind, string Text, DateTimeOffset? Until);

/// <summary>Turns the clinic's templates into a client's dated plan for one treatment.</summary>
public static class AftercarePlanner
{
    /// <param name="templates">The clinic's template lines (retired ones are skipped).</param>
    /// <param name="treatedAt">When the treatment ended (the plan counts from then).</param>
    /// <param name="deepestMm">The deepest depth charted in the session.</param>
    /// <param name="onBody">Whether an area off the face, neck and scalp was treated.</param>
    /// <param name="zone">The clinic's time zone, for the dates the client reads.</param>
    /// <param name="culture">The clinic's culture, for day and month names.</param>
    public static IReadOnlyList<AftercarePlanItem> Plan(
        IEnumerable<AftercareTemplateItem> templates, DateTimeOffset treatedAt, decimal deepestMm, bool onBody, ClinicTimeZone zone, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(zone);
        return templates.Where(t => t.Active).OrderBy(t => t.Kind).ThenBy(t => t.SortOrder).Select(t =>
        {
            if (t.Hours is not { } hours)
            {
                return new AftercarePlanItem(t.Kind, t.Text, null);
            }

            var total = hours
                + (t.DeeperThanMm is { } deeper && deepestMm > deeper ? t.ExtraHoursWhenDeeper : 0)
                + (onBody ? t.ExtraHoursOnBody : 0);
            // Elapsed time, not wall-clock time: 24 hours across a clock change still means 24 hours.
            var until = treatedAt.ToUniversalTime().AddHours(total);
            return new AftercarePlanItem(t.Kind, t.Text.Replace(AftercareTemplateItem.Until, Format(zone.ToLocal(until), total, culture), StringComparison.Ordinal), until);
        }).ToList();
    }

    /// <summary>"Tue 14 Apr, 15:30" within a day; "Fri 17 Apr" within a few days; "28 Apr" beyond.</summary>
    public static string Format(DateTime local, int hours, CultureInfo culture) => hours switch
    {
        <= 48 => local.ToString("ddd d MMM, HH:mm", culture),
        <= 24 * 6 => local.ToString("ddd d MMM", culture),
        _ => local.ToString("d MMM", culture),
    };
}

/// <summary>The dated aftercare plan a client receives when their chart is signed.</summary>
public sealed class AftercarePlan
{
    private readonly List<AftercarePlanItem> _items = [];

    private AftercarePlan()
    {
    }

    public AftercarePlan(TreatmentRecord record, IReadOnlyList<AftercarePlanItem> items, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new DomainException("An aftercare plan has at least one line.");
        }

        Id = Guid.CreateVersion7();
        TreatmentRecordId = record.Id;
        AppointmentId = record.AppointmentId;
        ClientId = record.ClientId;
        IssuedAt = now.ToUniversalTime();
        _items.AddRange(items);
    }

    public Guid Id { get; private set; }
    public Guid TreatmentRecordId { get; private set; }
    public Guid AppointmentId { get; private set; }
    public Guid ClientId { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }
    public IReadOnlyList<AftercarePlanItem> Items => _items.AsReadOnly();
}
