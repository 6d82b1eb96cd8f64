using System.Globalization;
using System.Text;

namespace MicroSpa.Web.Features.ClientRecords;

/// <summary>
/// README.txt of a client's records: every file of the archive and every column or field of it, in plain words. The
/// columns listed here are the ones the archive writes (<see cref="RecordsArchive"/> takes its CSV headers from here).
/// </summary>
public static class ArchiveReadme
{
    public sealed record Column(string Name, string Meaning);

    public sealed record FileDescription(string Name, string Meaning, IReadOnlyList<Column> Columns);

    public static readonly IReadOnlyList<Column> AppointmentColumns =
    [
        new("appointment_id", "MicroSpa's id of the appointment (the same id appears in the other files)"),
        new("service", "the service booked"),
        new("provider", "the esthetician or nurse who was to treat you"),
        new("areas", "the body areas booked, separated by \"; \""),
        new("starts_at_local", "start, in the clinic's time zone (yyyy-MM-ddTHH:mm:ss)"),
        new("ends_at_local", "end, in the clinic's time zone"),
        new("time_zone", "the clinic's time zone (IANA name)"),
        new("starts_at_utc", "start in UTC (ISO 8601)"),
        new("ends_at_utc", "end in UTC"),
        new("status", "Booked, Checked in, In treatment, Completed, Cancelled, No-show or Held (waiting for a deposit)"),
        new("cancellation_reason", "why it was cancelled, when it was"),
        new("booked_through", "Online, FrontDesk, Waitlist or Import"),
        new("booked_at_utc", "when the booking was made, UTC"),
    ];

    public static readonly IReadOnlyList<Column> HistoryColumns =
    [
        new("appointment_id", "the appointment the line belongs to"),
        new("at_local", "when, in the clinic's time zone"),
        new("at_utc", "when, UTC"),
        new("what", "what happened (booked, moved, checked in, cancelled...)"),
        new("by", "who did it (you, a member of staff, or MicroSpa itself)"),
    ];

    public static readonly IReadOnlyList<Column> ProgressColumns =
    [
        new("chart_id", "the signed chart of the session scored"),
        new("session_date", "the session's date (clinic's time zone)"),
        new("area", "the body area"),
        new("scale", "GoodmanBaron (acne scars, 1 mild to 4 severe) or GlobalImprovement (1 very much improved to 5 worse)"),
        new("provider_score", "your provider's score on that scale"),
        new("your_rating", "your own rating on that scale"),
        new("updated_at_utc", "when a score was last given, UTC"),
    ];

    public static readonly IReadOnlyList<Column> PhotoColumns =
    [
        new("file", "the photo's file in this archive (photos/...), exactly as the clinic stored it"),
        new("photo_id", "MicroSpa's id of the photo"),
        new("chart_id", "the chart of the session it was taken at"),
        new("session_date", "the session's date"),
        new("area", "the body area"),
        new("kind", "Before or After"),
        new("content_type", "image/jpeg or image/png"),
        new("width", "pixels"),
        new("height", "pixels"),
        new("size_bytes", "the file's size"),
        new("taken_at_local", "when it was uploaded, clinic's time zone"),
        new("taken_at_utc", "when it was uploaded, UTC"),
    ];

    public static IReadOnlyList<FileDescription> Files { get; } =
    [
        new("README.txt", "this description", []),
        new("client.json", "your profile: id, first_name, last_name, email, phone, date_of_birth, created_at_utc (when the clinic added you), preferred_provider, reminders_turned_off (you turned off the optional emails), desk_notes (the front desk's notes about you), has_portal_account", []),
        new("appointments.csv", "one row per appointment, past, future and cancelled", AppointmentColumns),
        new("appointment_history.csv", "every change of every appointment, oldest first", HistoryColumns),
        new("appointments.json", "the same appointments: appointment_id, service, provider, areas (a list), starts_at_local, ends_at_local, starts_at_utc, ends_at_utc, status, cancellation_reason, booked_through, booked_at_utc, and history (at_utc, at_local, what, by)", []),
        new("charts.json", "every signed chart (treatment record or consultation record): id, appointment_id, kind, session_date, service, provider, skin_type (Fitzpatrick), skin_notes, indications, numbing_agent, numbing_applied_at_local, numbing_removed_at_local, numbing_minutes, numbing_occluded, device, cartridge_needles, cartridge_lot, cartridge_expiry, areas (area, depth_mm, passes, serum, serum_lot, endpoint, reaction, reason_above_band, rules_at_signing: the depth rules it was signed under), findings and recommended_plan (consultations), notes, no_photos_reason, signed_by, signed_at_utc, signed_at_local, co_signed_by, co_signed_at_utc, addenda (text, by, at_utc, at_local: corrections added after signing), pdf_file (its PDF in this archive)", []),
        new("charts/*.pdf", "each signed chart as a printable PDF, named by session date, kind and the first characters of its id", []),
        new("aftercare.json", "every aftercare plan issued to you: id, chart_id, appointment_id, issued_at_utc, issued_at_local, lines (kind: Expect, Do, Avoid or CallIf; text as you were given it; until_local and until_utc when the line lasts until a time)", []),
        new("consents.json", "every consent you signed: id, version, title, text (the exact text you agreed to), typed_name (what you typed as your signature), photo_consent, signed_at_utc, signed_at_local, signed_from_address and signed_with_browser (the evidence kept of how you signed), appointment_ids (the visits it was signed for)", []),
        new("screenings.json", "every health screening you answered: id, questions_version, answered_at_utc, answered_at_local, outcome (Clear, NeedsReview or HardStop), confirmed_unchanged (you confirmed nothing had changed since an earlier one), appointment_ids, answers (code, question: the exact question shown to you, answered: yes or no)", []),
        new("treatment_plans.json", "every series of sessions planned for you: id, service, indication, areas, planned_sessions, interval_days, maintenance_months, starts_on, created_at_utc, ended_on and end_reason (when it was ended), session_chart_ids (the signed charts counted in it)", []),
        new("clearances.json", "every medical clearance (good-faith exam) recorded for you: id, decision (Cleared or Declined), examiner, examiner_credential (MD, DO, NP or PA), examiner_licence_state, examined_on, mode (InPerson or Video), services_cleared, indications, contraindications, expires_on, decline_reason, recorded_by, recorded_at_utc, voided_at_utc (when a later screening voided it)", []),
        new("progress.csv", "your progress scores per session and area", ProgressColumns),
        new("progress.json", "the same scores (fields named as the CSV columns)", []),
        new("photos.csv", "one row per photo of you", PhotoColumns),
        new("photos/", "your photos, each file byte for byte as the clinic stores it", []),
    ];

    public static string Text(ClientRecordSet.Records records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Your records at {records.ClinicName}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Produced {records.ProducedAtUtc.UtcDateTime:yyyy-MM-dd HH:mm} UTC for {records.Client.FirstName} {records.Client.LastName}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Times are given in UTC and in the clinic's time zone, {records.TimeZone}.");
        text.AppendLine("CSV files are UTF-8, comma-separated, with a header row. A text cell that starts with = + - or @ has an apostrophe");
        text.AppendLine("in front of it, so that a spreadsheet shows it instead of running it. JSON files are UTF-8.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"This archive holds {records.Appointments.Count} appointments, {records.Charts.Count} signed charts, {records.AftercarePlans.Count} aftercare plans, "
            + $"{records.Consents.Count} consents, {records.Screenings.Count} screenings, {records.Progress.Count} progress scores, {records.Photos.Count} photos, "
            + $"{records.TreatmentPlans.Count} treatment plans and {records.Clearances.Count} medical clearances.");
        foreach (var file in Files)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"{file.Name}: {file.Meaning}.");
            foreach (var column in file.Columns)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {column.Name}: {column.Meaning}");
            }
        }

        return text.ToString();
    }
}
