using System.Text;

namespace MicroSpa.Web.Features.Import;

/// <summary>The appointment fields a column of a file can fill (decision 056).</summary>
public enum AppointmentField
{
    None,
    AppointmentId,
    ClientId,
    ClientEmail,
    ClientPhone,
    Service,
    Provider,
    Start,
    StartTime,
    End,
    Duration,
    Status,
    Notes,
}

/// <summary>What each appointment field is called on the mapping page, and the guess of a column's field from its header.</summary>
public static class AppointmentFields
{
    public static readonly IReadOnlyList<AppointmentField> All = Enum.GetValues<AppointmentField>();

    private static readonly Dictionary<string, AppointmentField> Exact = new(StringComparer.Ordinal)
    {
        ["id"] = AppointmentField.AppointmentId, ["appointmentid"] = AppointmentField.AppointmentId, ["bookingid"] = AppointmentField.AppointmentId,
        ["appointmentnumber"] = AppointmentField.AppointmentId, ["visitid"] = AppointmentField.AppointmentId,
        ["clientid"] = AppointmentField.ClientId, ["customerid"] = AppointmentField.ClientId, ["patientid"] = AppointmentField.ClientId,
        ["clientnumber"] = AppointmentField.ClientId, ["customernumber"] = AppointmentField.ClientId,
        ["service"] = AppointmentField.Service, ["servicename"] = AppointmentField.Service, ["treatment"] = AppointmentField.Service,
        ["appointmenttype"] = AppointmentField.Service, ["item"] = AppointmentField.Service, ["visittype"] = AppointmentField.Service,
        ["provider"] = AppointmentField.Provider, ["providername"] = AppointmentField.Provider, ["staff"] = AppointmentField.Provider,
        ["staffmember"] = AppointmentField.Provider, ["employee"] = AppointmentField.Provider, ["therapist"] = AppointmentField.Provider,
        ["practitioner"] = AppointmentField.Provider, ["esthetician"] = AppointmentField.Provider, ["withstaff"] = AppointmentField.Provider,
        ["start"] = AppointmentField.Start, ["starts"] = AppointmentField.Start, ["startsat"] = AppointmentField.Start,
        ["startdate"] = AppointmentField.Start, ["date"] = AppointmentField.Start, ["appointmentdate"] = AppointmentField.Start,
        ["datetime"] = AppointmentField.Start, ["startdatetime"] = AppointmentField.Start, ["begin"] = AppointmentField.Start,
        ["time"] = AppointmentField.StartTime, ["starttime"] = AppointmentField.StartTime, ["appointmenttime"] = AppointmentField.StartTime,
        ["end"] = AppointmentField.End, ["ends"] = AppointmentField.End, ["endsat"] = AppointmentField.End, ["endtime"] = AppointmentField.End,
        ["enddatetime"] = AppointmentField.End, ["finish"] = AppointmentField.End,
        ["duration"] = AppointmentField.Duration, ["length"] = AppointmentField.Duration, ["minutes"] = AppointmentField.Duration,
        ["durationminutes"] = AppointmentField.Duration, ["durationmins"] = AppointmentField.Duration, ["mins"] = AppointmentField.Duration,
        ["status"] = AppointmentField.Status, ["state"] = AppointmentField.Status, ["appointmentstatus"] = AppointmentField.Status,
        ["notes"] = AppointmentField.Notes, ["note"] = AppointmentField.Notes, ["comments"] = AppointmentField.Notes,
        ["comment"] = AppointmentField.Notes, ["memo"] = AppointmentField.Notes, ["appointmentnotes"] = AppointmentField.Notes,
    };

    /// <summary>Words a header may contain, tried in order when no name matches exactly ("Client e-mail", "Staff name").</summary>
    private static readonly (string Part, AppointmentField Field)[] Contained =
    [
        ("email", AppointmentField.ClientEmail), ("mail", AppointmentField.ClientEmail),
        ("phone", AppointmentField.ClientPhone), ("mobile", AppointmentField.ClientPhone), ("cell", AppointmentField.ClientPhone),
        ("service", AppointmentField.Service), ("treatment", AppointmentField.Service),
        ("staff", AppointmentField.Provider), ("provider", AppointmentField.Provider), ("employee", AppointmentField.Provider),
        ("duration", AppointmentField.Duration),
        ("status", AppointmentField.Status),
        ("note", AppointmentField.Notes), ("comment", AppointmentField.Notes),
    ];

    public static string Label(AppointmentField field) => field switch
    {
        AppointmentField.None => "Not imported",
        AppointmentField.AppointmentId => "Appointment ID in the other system",
        AppointmentField.ClientId => "Client ID in the other system",
        AppointmentField.ClientEmail => "Client's email",
        AppointmentField.ClientPhone => "Client's phone",
        AppointmentField.Service => "Service",
        AppointmentField.Provider => "Provider",
        AppointmentField.Start => "Start (date, or date and time)",
        AppointmentField.StartTime => "Start time (when the date is in another column)",
        AppointmentField.End => "End (time, or date and time)",
        AppointmentField.Duration => "Duration (minutes, or 1:30, or 1h 30m)",
        AppointmentField.Status => "Status (booked, completed, cancelled, no-show)",
        AppointmentField.Notes => "Notes",
        _ => field.ToString(),
    };

    /// <summary>The field a header names, or <see cref="AppointmentField.None"/>.</summary>
    public static AppointmentField Guess(string header)
    {
        var key = Squeeze(header);
        if (key.Length == 0)
        {
            return AppointmentField.None;
        }

        if (Exact.TryGetValue(key, out var field))
        {
            return field;
        }

        foreach (var (part, contained) in Contained)
        {
            if (key.Contains(part, StringComparison.Ordinal))
            {
                return contained;
            }
        }

        return AppointmentField.None;
    }

    /// <summary>A field for each column: what the source remembers for it, else the guess; a field to one column only (the first).</summary>
    public static AppointmentField[] Propose(IReadOnlyList<string> headers, Func<string, AppointmentField?> remembered)
    {
        var proposed = headers.Select(h => remembered(h) ?? Guess(h)).ToArray();
        var taken = new HashSet<AppointmentField>();
        for (var i = 0; i < proposed.Length; i++)
        {
            if (proposed[i] != AppointmentField.None && !taken.Add(proposed[i]))
            {
                proposed[i] = AppointmentField.None;
            }
        }

        return proposed;
    }

    private static string Squeeze(string header)
    {
        var builder = new StringBuilder(header.Length);
        foreach (var c in header.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
