using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MicroSpa.Domain;
using MicroSpa.Domain.Imports;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Web.Infrastructure.Csv;
using MicroSpa.Web.Infrastructure.Validation;

namespace MicroSpa.Web.Features.Import;

/// <summary>
/// The rows of an uploaded file read as appointments by its mapping (decision 056): the client by the other system's
/// client ID, email or phone; the service and provider by name (mapped on the names page); the start as a date and time
/// in the clinic's time zone (a time the clocks skip is refused, a time they repeat is read as its first occurrence and
/// said), or with an offset; the end, or the duration, or else the service's; the status in the words exports use.
/// </summary>
public static class AppointmentRows
{
    /// <summary>The prefix under which a source remembers its appointment files' columns (its client files' are not prefixed).</summary>
    public const string HeaderPrefix = "appointments:";

    public sealed record Row(
        int Line, string? ExternalId, string? ClientExternalId, string? Email, string? Phone, string? ServiceName, string? ProviderName,
        DateTimeOffset? Start, DateTimeOffset? End, int? DurationMinutes, AppointmentStatus? Status, string? StatusText, string? Notes,
        string? TimeNote, IReadOnlyList<string> Problems, string RowKey);

    private static readonly Dictionary<string, AppointmentStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["booked"] = AppointmentStatus.Booked, ["confirmed"] = AppointmentStatus.Booked, ["scheduled"] = AppointmentStatus.Booked,
        ["unconfirmed"] = AppointmentStatus.Booked, ["pending"] = AppointmentStatus.Booked, ["reserved"] = AppointmentStatus.Booked,
        ["open"] = AppointmentStatus.Booked, ["new"] = AppointmentStatus.Booked, ["accepted"] = AppointmentStatus.Booked,
        ["completed"] = AppointmentStatus.Completed, ["complete"] = AppointmentStatus.Completed, ["checkedout"] = AppointmentStatus.Completed,
        ["done"] = AppointmentStatus.Completed, ["arrived"] = AppointmentStatus.Completed, ["closed"] = AppointmentStatus.Completed,
        ["paid"] = AppointmentStatus.Completed, ["showed"] = AppointmentStatus.Completed, ["finished"] = AppointmentStatus.Completed,
        ["cancelled"] = AppointmentStatus.Cancelled, ["canceled"] = AppointmentStatus.Cancelled, ["cancel"] = AppointmentStatus.Cancelled,
        ["latecancel"] = AppointmentStatus.Cancelled, ["latecancelled"] = AppointmentStatus.Cancelled, ["latecanceled"] = AppointmentStatus.Cancelled,
        ["deleted"] = AppointmentStatus.Cancelled,
        ["noshow"] = AppointmentStatus.NoShow, ["missed"] = AppointmentStatus.NoShow, ["didnotshow"] = AppointmentStatus.NoShow,
        ["ns"] = AppointmentStatus.NoShow, ["dns"] = AppointmentStatus.NoShow,
    };

    private static readonly string[] TimeFormats =
        ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss", "h:mm tt", "h:mmtt", "h:mm:ss tt", "htt", "h tt", "HHmm"];

    /// <summary>The rows of an appointments upload, in the file's order (null when it is not mapped yet).</summary>
    public static IReadOnlyList<Row>? Read(ImportUpload upload, ClinicTimeZone zone)
    {
        if (upload.Fields is not { } mapped)
        {
            return null;
        }

        var sheet = ImportFile.Read(upload.Content).Sheet
            ?? throw new InvalidOperationException($"Upload {upload.Id} was accepted but can no longer be read.");
        var fields = mapped.Select(f => Enum.TryParse<AppointmentField>(f, out var field) ? field : AppointmentField.None).ToArray();
        var columns = AppointmentFields.All.ToDictionary(f => f, f => Array.IndexOf(fields, f));
        return [.. sheet.Rows.Select(r => ReadRow(r, columns, sheet.Headers.Count, upload.DayFirst, zone))];
    }

    private static Row ReadRow(ImportFile.Row cells, IReadOnlyDictionary<AppointmentField, int> columns, int headerCount, bool dayFirst, ClinicTimeZone zone)
    {
        string? Value(AppointmentField field) =>
            columns[field] is var column and >= 0 && cells.Cell(column).Trim() is { Length: > 0 } value ? value : null;

        var problems = new List<string>();
        string? timeNote = null;
        var (externalId, clientId, email, phone) =
            (Value(AppointmentField.AppointmentId), Value(AppointmentField.ClientId), Value(AppointmentField.ClientEmail), Value(AppointmentField.ClientPhone));
        if (clientId is null && email is null && phone is null)
        {
            problems.Add("The row names no client (no client ID, email or phone).");
        }

        var (service, provider) = (Value(AppointmentField.Service), Value(AppointmentField.Provider));
        if (service is null)
        {
            problems.Add("The row names no service.");
        }

        if (provider is null)
        {
            problems.Add("The row names no provider.");
        }

        DateTimeOffset? start = null;
        DateOnly? startDate = null;
        if (Value(AppointmentField.Start) is not { } startText)
        {
            problems.Add("The row has no start.");
        }
        else
        {
            var timeText = Value(AppointmentField.StartTime);
            var read = timeText is null ? ReadMoment(startText, dayFirst) : ReadMoment($"{startText} {timeText}", dayFirst);
            switch (read)
            {
                case { Instant: { } instant }:
                    start = instant;
                    startDate = DateOnly.FromDateTime(zone.ToLocal(instant));
                    break;
                case { Date: { } date, Time: { } time }:
                    startDate = date;
                    (start, var note, var problem) = Local(zone, date, time, "start");
                    timeNote = note;
                    if (problem is not null)
                    {
                        problems.Add(problem);
                    }

                    break;
                default:
                    problems.Add($"The start “{Shorten(timeText is null ? startText : $"{startText} {timeText}")}” cannot be read as a date and time: write it as "
                        + $"{(dayFirst ? "31/12/2026" : "12/31/2026")} 14:30, or 2026-12-31 2:30 PM.");
                    break;
            }
        }

        DateTimeOffset? end = null;
        if (Value(AppointmentField.End) is { } endText && startDate is { } day)
        {
            var moment = ReadMoment(endText, dayFirst);
            var timeOnly = moment is not ({ Instant: not null } or { Date: not null, Time: not null });
            var read = !timeOnly ? moment
                : ReadTime(endText) is { } endTime ? new Moment(null, day, endTime) : new Moment(null, null, null);
            switch (read)
            {
                case { Instant: { } instant }:
                    end = instant;
                    break;
                case { Date: { } date, Time: { } time }:
                    // An end written as a time only that comes before the start is the next morning's (23:00 to 00:30).
                    var endDay = timeOnly && start is { } began && time < TimeOnly.FromDateTime(zone.ToLocal(began)) && date < DateOnly.MaxValue ? date.AddDays(1) : date;
                    (end, var endNote, var problem) = Local(zone, endDay, time, "end");
                    if (endNote is not null)
                    {
                        timeNote = timeNote is null ? endNote : $"{timeNote} {endNote}";
                    }

                    if (problem is not null)
                    {
                        problems.Add(problem);
                    }

                    break;
                default:
                    problems.Add($"The end “{Shorten(endText)}” cannot be read as a time (14:30, 2:30 PM) or a date and time.");
                    break;
            }

            if (end is { } e && start is { } s && e <= s)
            {
                problems.Add("The end is not after the start.");
            }
        }

        int? duration = null;
        if (end is null && Value(AppointmentField.Duration) is { } durationText)
        {
            duration = ReadMinutes(durationText);
            if (duration is not (> 0 and <= Service.MaxDurationMinutes))
            {
                problems.Add($"The duration “{Shorten(durationText)}” cannot be read as up to {Service.MaxDurationMinutes} minutes (90, 1:30 or 1h 30m).");
                duration = null;
            }
        }

        var statusText = Value(AppointmentField.Status);
        AppointmentStatus? status = AppointmentStatus.Booked;
        if (statusText is not null)
        {
            status = Statuses.TryGetValue(Squeeze(statusText), out var known) ? known
                : Squeeze(statusText).Contains("cancel", StringComparison.Ordinal) ? AppointmentStatus.Cancelled
                : Squeeze(statusText).Contains("noshow", StringComparison.Ordinal) ? AppointmentStatus.NoShow
                : null;
            if (status is null)
            {
                problems.Add($"The status “{Shorten(statusText)}” is not one MicroSpa knows: booked, completed, cancelled or no-show.");
            }
        }

        if (externalId is { Length: > FieldLengths.ShortName } || clientId is { Length: > FieldLengths.ShortName })
        {
            problems.Add($"An ID from the other system has more than {FieldLengths.ShortName} characters.");
        }

        if (cells.Cells.Skip(headerCount).Any(c => c.Trim().Length > 0))
        {
            problems.Clear();
            problems.Add($"The row has {cells.Cells.Length} cells but the header names {headerCount} columns: a cell with a separator in it must be in double quotes.");
        }

        var notes = Value(AppointmentField.Notes);
        var rowKey = externalId is { } id
            ? "id:" + id
            : "sha:" + Hash(clientId, email?.ToLowerInvariant(), phone, service, provider, start?.ToString("O", CultureInfo.InvariantCulture),
                end?.ToString("O", CultureInfo.InvariantCulture), duration?.ToString(CultureInfo.InvariantCulture), statusText, notes);
        return new Row(cells.Line, externalId, clientId, email, phone, service, provider, start, end, duration, status, statusText, notes, timeNote,
            problems, rowKey);
    }

    /// <summary>A date and time as written: with an offset (an instant), or a local date and time.</summary>
    private sealed record Moment(DateTimeOffset? Instant, DateOnly? Date, TimeOnly? Time);

    private static Moment? ReadMoment(string text, bool dayFirst)
    {
        var value = string.Join(' ', text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (value.Length >= 16 && value[4] == '-' && value[10] == 'T' && (value.EndsWith('Z') || value[16..].Contains('+') || value[16..].Contains('-')))
        {
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) ? new Moment(instant, null, null) : null;
        }

        if (value.Length >= 11 && value[4] == '-' && value[10] == 'T')
        {
            value = value[..10] + ' ' + value[11..];
        }

        // The date is what comes before the time: try every split at a space, the longest date first.
        for (var space = value.LastIndexOf(' '); space > 0; space = value.LastIndexOf(' ', space - 1))
        {
            if (ClientRows.ReadDate(value[..space], dayFirst) is { } date && ReadTime(value[(space + 1)..]) is { } time)
            {
                return new Moment(null, date, time);
            }
        }

        return ClientRows.ReadDate(value, dayFirst) is { } dateOnly ? new Moment(null, dateOnly, null) : null;
    }

    private static TimeOnly? ReadTime(string text)
    {
        var value = text.Trim().ToUpperInvariant().Replace("A.M.", "AM", StringComparison.Ordinal).Replace("P.M.", "PM", StringComparison.Ordinal);
        if (value.Length > 4 && value[^3] == '.' && value.Contains(':', StringComparison.Ordinal))
        {
            value = value[..^4]; // fractions of a second
        }

        return TimeOnly.TryParseExact(value, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
    }

    /// <summary>A local date and time in the clinic: the instant, a note when the clocks repeat it, a problem when they skip it.</summary>
    private static (DateTimeOffset? Instant, string? Note, string? Problem) Local(ClinicTimeZone zone, DateOnly date, TimeOnly time, string what)
    {
        if (!CalendarRange.Contains(date))
        {
            // Year 9999 in the clinic's zone may be year 10000 in UTC, and year 1 has no room before it for the overlap check.
            return (null, null, $"The {what} {date:yyyy-MM-dd} is outside the dates MicroSpa keeps: {CalendarRange.Message}");
        }

        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.ToInstant(date, time) is not { } instant)
        {
            return (null, null, $"The {what} {date:yyyy-MM-dd} {time:HH:mm} does not exist in the clinic's time zone ({zone.Id}): the clocks skip that hour.");
        }

        return zone.Zone.IsAmbiguousTime(local)
            ? (instant, $"{date:yyyy-MM-dd} {time:HH:mm} happens twice in {zone.Id} (the clocks go back): read as the first, before the change.", null)
            : (instant, null, null);
    }

    /// <summary>Minutes as exports write a length: 90, "90 min", 1:30, "1h 30m", "1.5 h".</summary>
    public static int? ReadMinutes(string text)
    {
        var value = text.Trim().ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal);
        foreach (var suffix in new[] { "minutes", "minute", "mins", "min", "m" })
        {
            if (value.EndsWith(suffix, StringComparison.Ordinal) && !value.Contains('h', StringComparison.Ordinal))
            {
                value = value[..^suffix.Length];
                break;
            }
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            return minutes;
        }

        if (value.Split(':') is [var h, var m] && int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var mins) && mins < 60)
        {
            return (hours * 60) + mins;
        }

        var at = value.IndexOf('h', StringComparison.Ordinal);
        if (at > 0 && decimal.TryParse(value[..at], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var decimalHours)
            && decimalHours <= Service.MaxDurationMinutes)
        {
            var rest = value[(at + 1)..].Replace("ours", string.Empty, StringComparison.Ordinal).Replace("our", string.Empty, StringComparison.Ordinal)
                .Replace("rs", string.Empty, StringComparison.Ordinal).Replace("r", string.Empty, StringComparison.Ordinal);
            rest = rest.TrimEnd('m').Replace("in", string.Empty, StringComparison.Ordinal).Replace("s", string.Empty, StringComparison.Ordinal);
            var extra = rest.Length == 0 ? 0 : int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var more) ? more : -1;
            return extra < 0 ? null : (int)Math.Round(decimalHours * 60) + extra;
        }

        return null;
    }

    private static string Squeeze(string text) =>
        new([.. text.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);

    private static string Hash(params string?[] values) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', values))));

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
