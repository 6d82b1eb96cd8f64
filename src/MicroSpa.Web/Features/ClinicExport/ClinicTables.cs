using MicroSpa.Domain.Billing;
using MicroSpa.Domain.Scheduling;

namespace MicroSpa.Web.Features.ClinicExport;

/// <summary>
/// What the whole-clinic export holds (decision 046): one CSV and one JSON file per kind of record, each read from one
/// table with the columns named here, in this order, and what each column means (the README is written from this list).
/// Every table of the database is either exported here or left out in <see cref="LeftOutTables"/> with the reason, and
/// every column of an exported table is exported or left out with the reason; a test compares this with the schema,
/// so a new table or column cannot slip past the export unnoticed.
/// </summary>
public static class ClinicTables
{
    /// <summary>One column of a file: its name in the CSV header and the JSON objects, what it means, and the SQL that reads it when it is not the table's column of that name.</summary>
    public sealed record Column(string Name, string Meaning, string? Sql = null)
    {
        /// <summary>Whether the column is the table's own column of that name (not a value joined from another table).</summary>
        public bool FromTable => Sql is null;

        public string Select => $"{Sql ?? $"t.\"{Name}\""} AS \"{Name}\"";
    }

    public sealed record LeftOut(string Name, string Why);

    /// <summary>A kind of record: written as <c>{File}.csv</c> and <c>{File}.json</c>, read from <see cref="Table"/> (aliased <c>t</c>).</summary>
    public sealed record Table(string File, string Name, string Meaning, string OrderBy, IReadOnlyList<Column> Columns, string Join = "", IReadOnlyList<LeftOut>? LeftOutColumns = null)
    {
        public IReadOnlyList<LeftOut> Omitted => LeftOutColumns ?? [];

        public string SelectSql => $"SELECT {string.Join(", ", Columns.Select(c => c.Select))} FROM {Name} t {Join} ORDER BY {OrderBy}";

        public string CountSql => $"SELECT count(*) FROM {Name}";
    }

    private static string Values<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetNames<T>());

    private const string Id = "MicroSpa's id of the row (ids are kept as they are in MicroSpa: the other files refer to them)";
    private const string Utc = " (UTC, ISO 8601)";

    public static readonly IReadOnlyList<Table> All =
    [
        new("clients", "clients", "every client record, including records merged into another (merged_into_id set)", "t.id",
        [
            new("id", Id), new("first_name", "first name"), new("last_name", "last name"), new("email", "email address"),
            new("phone", "phone number as typed at the desk or online"), new("date_of_birth", "date of birth (yyyy-MM-dd)"),
            new("notes", "the front desk's notes"), new("created_at", "when the record was added" + Utc),
            new("preferred_provider_id", "the provider the client prefers (providers.id)"),
            new("opted_out_of_reminders", "true when the client asked for no reminders of due sessions"),
            new("user_id", "the client's portal account (users.id), when they have one"),
            new("pending_user_id", "a portal account waiting to be confirmed in person (users.id)"),
            new("merged_into_id", "when this record was merged into another at the desk: the kept record's id (clients.id)"),
            new("merged_at", "when it was merged" + Utc),
        ], LeftOutColumns: [new("search_text", "derived from the name, email and phone for the desk's search")]),
        new("providers", "providers", "the estheticians and nurses who treat clients", "t.id",
        [
            new("id", Id), new("display_name", "name shown to clients and on the calendar"), new("credential", "credential flags: " + Values<ProviderCredential>()),
            new("bookable", "whether clients can book them"), new("user_id", "their staff account (users.id)"),
        ]),
        new("provider_working_hours", "provider_working_hours", "each provider's weekly working hours", "t.id",
        [new("id", Id), new("provider_id", "providers.id"), new("day", "day of the week"), new("start", "start, clinic time (HH:mm:ss)"), new("end", "end, clinic time")]),
        new("extra_shifts", "extra_shifts", "shifts worked outside the weekly hours", "t.id",
        [new("id", Id), new("provider_id", "providers.id"), new("date", "the day (yyyy-MM-dd)"), new("start", "start, clinic time"), new("end", "end, clinic time")]),
        new("time_off", "time_off", "providers' time off", "t.id",
        [new("id", Id), new("provider_id", "providers.id"), new("starts_at", "start" + Utc), new("ends_at", "end" + Utc), new("reason", "the reason given")]),
        new("rooms", "rooms", "treatment rooms", "t.id", [new("id", Id), new("name", "name"), new("in_service", "whether it can be booked")]),
        new("devices", "devices", "needling devices", "t.id",
        [
            new("id", Id), new("name", "name"), new("model", "model"), new("class", "device class (SkinPenClass, DermapenClass...)"),
            new("max_depth_mm", "deepest setting in mm"), new("depth_step_mm", "depth step in mm"), new("in_service", "whether it can be booked"),
        ]),
        new("out_of_service", "out_of_service", "periods a room or a device was out of service", "t.id",
        [new("id", Id), new("room_id", "rooms.id, or empty"), new("device_id", "devices.id, or empty"), new("starts_at", "start" + Utc), new("ends_at", "end" + Utc), new("reason", "reason")]),
        new("body_areas", "body_areas", "body areas and the clinic's depth rules for them", "t.id",
        [
            new("id", Id), new("name", "name"), new("region", "region (Face, Neck, Body...)"), new("sort_order", "order on lists"),
            new("band_min_mm", "usual depth band, lowest mm"), new("band_max_mm", "usual depth band, highest mm"), new("hard_maximum_mm", "never deeper than this, mm"),
            new("never_treat", "true for areas never treated (eyelids)"), new("minimum_interval_days", "minimum days between sessions on this area"),
        ]),
        new("services", "services", "the service menu", "t.id",
        [
            new("id", Id), new("name", "name"), new("description", "description shown to clients"), new("kind", "Treatment (needling) or Consultation"),
            new("duration_minutes", "length in minutes"), new("price", "price in the clinic's currency"), new("allowed_credentials", "who may perform it (credential flags as a number: " + Values<ProviderCredential>() + ")"),
            new("buffer_after_minutes", "minutes kept free after it"), new("is_active", "offered now"), new("sort_order", "order on the menu"),
            new("requires_clearance", "a medical clearance (good-faith exam) is needed first"), new("deposit_kind", "deposit asked at booking: none, fixed or percent"),
            new("deposit_value", "the deposit's amount or percent"),
        ]),
        new("service_body_areas", "service_body_areas", "the body areas each service may be booked on", "t.service_id, t.body_area_id",
        [new("service_id", "services.id"), new("body_area_id", "body_areas.id")]),
        new("appointments", "appointments", "every appointment: past, future, cancelled", "t.id",
        [
            new("id", Id), new("client_id", "clients.id"), new("service_id", "services.id"), new("provider_id", "providers.id"), new("room_id", "rooms.id"),
            new("device_id", "devices.id"), new("starts_at", "start" + Utc), new("ends_at", "end" + Utc),
            new("blocked_until", "end of the time kept free after it (the service's buffer)" + Utc), new("status", Values<AppointmentStatus>()),
            new("cancellation_reason", "why it was cancelled"), new("cancellation_note", "the note given with the cancellation"),
            new("source", "how it was booked: " + Values<BookingSource>()), new("created_at", "when it was booked" + Utc),
            new("status_changed_at", "when its status last changed" + Utc), new("consent_signature_id", "the consent signed for it (consent_signatures.id)"),
            new("screening_id", "the health screening for it (screenings.id)"), new("needs_review", "the screening needs the provider's review"),
            new("price_at_booking", "the service's price when booked"), new("held_until", "a held booking waits for its deposit until then" + Utc),
        ], LeftOutColumns: [new("booking_draft_id", "the online booking draft it came from; drafts are removed a day after their time")]),
        new("appointment_areas", "appointment_body_areas", "the body areas booked for each appointment", "t.appointment_id, t.body_area_id",
        [new("appointment_id", "appointments.id"), new("body_area_id", "body_areas.id")]),
        new("appointment_history", "appointment_events", "every change of every appointment", "t.id",
        [new("id", Id), new("appointment_id", "appointments.id"), new("what", "what happened"), new("by_user_id", "who (users.id), empty for MicroSpa itself or the client online"), new("by_name", "who, by name"), new("at", "when" + Utc)]),
        new("waitlist_entries", "waitlist_entries", "clients waiting for a time", "t.id",
        [
            new("id", Id), new("client_id", "clients.id"), new("service_id", "services.id"), new("area_ids", "body_areas.id wanted (space-separated in CSV)"),
            new("provider_id", "providers.id wanted, or empty"), new("days", "days of the week wanted (flags: Monday=1, Tuesday=2, ... Sunday=64)"),
            new("earliest_start", "earliest start, clinic time"), new("latest_start", "latest start, clinic time"), new("until", "waiting until this date"),
            new("status", "Waiting, Booked, Left or Expired"), new("created_at", "when added" + Utc), new("status_changed_at", "when its status changed" + Utc),
            new("appointment_id", "the appointment it led to"),
        ]),
        new("screening_questionnaires", "screening_questionnaires", "every version of the health screening questions, exactly as shown", "t.version",
        [new("version", "version number"), new("published_at", "when published" + Utc), new("published_by_user_id", "users.id"), new("published_by_name", "who published it"), new("questions", "the questions (JSON: code, wording, what a yes means, why, washout)")]),
        new("screenings", "screenings", "every health screening a client answered, with the questions exactly as shown to them", "t.id",
        [
            new("id", Id), new("client_id", "clients.id"), new("answered_at", "when" + Utc), new("questionnaire_version", "the version of the questions answered"),
            new("outcome", "Clear, NeedsReview or HardStop"), new("confirmed_unchanged_from_id", "when the client confirmed an earlier screening unchanged: that screening's id"),
            new("answers", "the answers (JSON, by question code)"),
            new("questions_shown", "the questions of that version exactly as shown (JSON, the same as in screening_questionnaires)", "q.questions"),
        ], Join: "JOIN screening_questionnaires q ON q.version = t.questionnaire_version"),
        new("consent_forms", "consent_forms", "every version of the consent text, exactly as shown", "t.version",
        [new("version", "version number"), new("title", "title"), new("body", "the text, exactly as shown"), new("published_at", "when published" + Utc), new("published_by_name", "who published it"), new("published_by_user_id", "users.id")]),
        new("consents", "consent_signatures", "every consent a client signed, with the exact title and text they signed", "t.id",
        [
            new("id", Id), new("client_id", "clients.id"), new("form_version", "the version signed (consent_forms.version)"), new("typed_name", "the name typed as signature"),
            new("photo_consent", "the client agreed to photos"), new("signed_at", "when" + Utc), new("ip_address", "from which address"), new("user_agent", "from which browser"),
            new("form_title", "the title signed", "f.title"), new("form_body", "the text signed, exactly as shown", "f.body"),
        ], Join: "JOIN consent_forms f ON f.version = t.form_version"),
        new("medical_clearances", "medical_clearances", "good-faith exams: cleared or declined", "t.id",
        [
            new("id", Id), new("client_id", "clients.id"), new("decision", "Cleared or Declined"), new("examiner_user_id", "users.id of the examiner, when on staff"),
            new("examiner_name", "examiner"), new("examiner_credential", "MD, DO, NP or PA"), new("examiner_licence_state", "state of licence"),
            new("examined_on", "exam date"), new("mode", "InPerson or Video"), new("service_ids", "services.id cleared (space-separated in CSV)"),
            new("indications", "indications"), new("contraindications", "contraindications"), new("expires_on", "valid until"),
            new("decline_reason", "why declined"), new("recorded_by_user_id", "users.id"), new("recorded_by_name", "who recorded it"),
            new("recorded_at", "when recorded" + Utc), new("voided_at", "when voided by a later screening" + Utc), new("voided_by_screening_id", "the screening that voided it"),
        ]),
        new("products", "products", "clinical products (serums) charted on treatments", "t.id",
        [new("id", Id), new("name", "name"), new("purpose", "what it is for"), new("not_for_needled_skin", "warns when charted on needled skin"), new("active", "still in use")]),
        new("charts", "treatment_records", "every chart (treatment record or consultation record), draft or signed", "t.id",
        [
            new("id", Id), new("appointment_id", "appointments.id"), new("client_id", "clients.id"), new("provider_id", "providers.id"), new("kind", "Treatment or Consultation"),
            new("status", "Draft, Signed or AwaitingCoSignature"), new("created_at", "opened" + Utc), new("updated_at", "last saved" + Utc),
            new("skin_type", "Fitzpatrick type"), new("skin_notes", "skin assessment"), new("indications", "indications (space-separated in CSV)"),
            new("numbing_agent", "numbing agent"), new("numbing_applied_at", "numbing applied" + Utc), new("numbing_removed_at", "numbing removed" + Utc),
            new("numbing_occluded", "numbing under occlusion"), new("device_id", "devices.id"), new("cartridge_needles", "needles in the cartridge"),
            new("cartridge_lot", "cartridge lot"), new("cartridge_expiry", "cartridge expiry date"), new("notes", "the provider's notes"),
            new("screening_acknowledged", "the provider acknowledged the screening's findings"), new("signed_at", "signed" + Utc), new("signed_by_user_id", "users.id"),
            new("signed_by_name", "who signed"), new("awaiting_co_signature", "waits for the medical director's co-signature"), new("co_signed_at", "co-signed" + Utc),
            new("co_signed_by_name", "who co-signed"), new("co_signed_by_user_id", "users.id"), new("findings", "consultation: findings"),
            new("recommended_plan", "consultation: the plan recommended"), new("before_photos_required", "before photos per area the clinic required at signing"),
            new("no_photos_reason", "why there are no before photos (no photo consent)"), new("recommended_area_ids", "consultation: body_areas.id recommended"),
            new("recommended_indication", "consultation: indication"), new("recommended_interval_days", "consultation: days between sessions"),
            new("recommended_service_id", "consultation: services.id"), new("recommended_sessions", "consultation: number of sessions"),
        ], LeftOutColumns: [new("last_save_id", "the form submission that last saved the draft, kept only to refuse a double save")]),
        new("charted_areas", "charted_areas", "each area treated on a chart", "t.treatment_record_id, t.id",
        [
            new("id", "the area's number on its chart"), new("treatment_record_id", "charts.id"), new("body_area_id", "body_areas.id"), new("area_name", "area"),
            new("depth_mm", "needle depth, mm"), new("passes", "passes"), new("product_id", "products.id"), new("product_name", "product"), new("product_lot", "product lot"),
            new("endpoint", "clinical endpoint reached"), new("reaction", "reaction"), new("warning_reason", "the reason given for a depth above the usual band"),
            new("rules_at_signing", "the area's rules the chart was signed under"),
        ]),
        new("chart_addenda", "chart_addenda", "dated addenda to signed charts", "t.id",
        [new("id", Id), new("treatment_record_id", "charts.id"), new("text", "the addendum"), new("by_user_id", "users.id"), new("by_name", "who"), new("at", "when" + Utc)]),
        new("aftercare_template", "aftercare_template_items", "the clinic's aftercare template lines", "t.sort_order, t.id",
        [
            new("id", Id), new("kind", "Expect, Avoid, Do or Call"), new("text", "the line"), new("hours", "hours it applies for"),
            new("deeper_than_mm", "applies only above this depth"), new("extra_hours_when_deeper", "extra hours when deeper"), new("extra_hours_on_body", "extra hours on body areas"),
            new("sort_order", "order"), new("active", "in use"),
        ]),
        new("aftercare_plans", "aftercare_plans", "every aftercare plan issued after a treatment, line by line", "t.id",
        [new("id", Id), new("treatment_record_id", "charts.id"), new("appointment_id", "appointments.id"), new("client_id", "clients.id"), new("issued_at", "issued" + Utc), new("items", "the lines (JSON: kind, text, until when)")]),
        new("treatment_plans", "treatment_plans", "every series of sessions planned", "t.id",
        [
            new("id", Id), new("client_id", "clients.id"), new("created_by_provider_id", "providers.id"), new("service_id", "services.id"), new("indication", "indication"),
            new("area_ids", "body_areas.id (space-separated in CSV)"), new("planned_sessions", "sessions planned"), new("interval_days", "days between sessions"),
            new("maintenance_months", "months between maintenance sessions"), new("starts_on", "start date"), new("created_at", "created" + Utc),
            new("end_reason", "how it ended"), new("ended_on", "when it ended"), new("consultation_record_id", "the consultation chart it came from (charts.id)"),
        ]),
        new("plan_sessions", "plan_sessions", "the charts counted in each treatment plan", "t.plan_id, t.treatment_record_id",
        [new("plan_id", "treatment_plans.id"), new("treatment_record_id", "charts.id")]),
        new("progress_scores", "progress_scores", "progress scores per session and area", "t.id",
        [
            new("id", Id), new("treatment_record_id", "charts.id"), new("client_id", "clients.id"), new("body_area_id", "body_areas.id"), new("area_name", "area"),
            new("scale", "GoodmanBaron (1 to 4) or GlobalImprovement (1 to 5)"), new("provider_score", "the provider's score"), new("client_rating", "the client's own rating"),
            new("updated_at", "last scored" + Utc),
        ]),
        new("photos", "photos", "every photo; its file is photos/{id} with the extension of its type, byte for byte as stored", "t.id",
        [
            new("id", Id + "; the file photos/{id}.jpg (or .png, .webp)"), new("client_id", "clients.id"), new("treatment_record_id", "charts.id"), new("body_area_id", "body_areas.id"),
            new("area_name", "area"), new("kind", "Before or After"), new("content_type", "image type"), new("width", "pixels"), new("height", "pixels"),
            new("size_bytes", "size of the file"), new("taken_at", "when" + Utc), new("uploaded_by_user_id", "users.id"), new("uploaded_by_name", "who uploaded it"),
        ]),
        new("retail_items", "retail_items", "products sold at the desk", "t.id",
        [new("id", Id), new("sku", "SKU"), new("name", "name"), new("price", "price"), new("tax_kind", "tax class (tax_classes.kind)"), new("low_stock_threshold", "low-stock mark"), new("active", "still sold")]),
        new("stock_entries", "stock_entries", "every stock movement (insert-only)", "t.id",
        [
            new("id", Id), new("retail_item_id", "retail_items.id"), new("kind", "Received, Counted, Sold, Returned or WrittenOff"), new("quantity_change", "change in units"),
            new("counted_quantity", "units counted (Counted)"), new("invoice_id", "invoices.id (Sold, Returned)"), new("by_user_id", "users.id"), new("reason", "reason"), new("at", "when" + Utc),
        ]),
        new("tax_classes", "tax_classes", "tax rates", "t.kind", [new("kind", Values<TaxKind>()), new("name", "name"), new("rate_percent", "rate, percent")]),
        new("invoices", "invoices", "every invoice (its state and balance are read from ledger_entries)", "t.number",
        [new("id", Id), new("number", "the invoice number"), new("currency", "ISO 4217 currency"), new("client_id", "clients.id (empty for a walk-in without a client)"), new("appointment_id", "appointments.id"), new("opened_by", "users.id"), new("opened_at", "opened" + Utc)]),
        new("invoice_lines", "invoice_lines", "every line of every invoice", "t.invoice_id, t.id",
        [
            new("id", Id), new("invoice_id", "invoices.id"), new("kind", Values<LineKind>()), new("description", "description"), new("unit_price", "unit price"),
            new("quantity", "quantity"), new("provider_id", "providers.id (service, area, tip)"), new("service_id", "services.id"), new("retail_item_id", "retail_items.id"),
            new("tax_kind", "tax class"), new("tax_rate_percent", "tax rate applied, percent"), new("discount_kind", Values<DiscountKind>()), new("discount_value", "discount amount or percent"),
            new("discount_amount", "discount in money"), new("discount_reason", "why discounted"),
            new("package_version_id", "the prepaid series sold on this line (package_versions.id)"),
            new("membership_period_id", "the membership's month paid on this line (membership_periods.id)"),
        ]),
        new("membership_plans", "membership_plans", "the monthly plans the clinic sells (decision 061); a plan's terms never change, a retired plan is no longer joined", "t.created_at, t.id",
        [
            new("id", Id), new("name", "name"), new("monthly_price", "price a month"), new("currency", "ISO 4217 currency"), new("service_ids", "services.id a month's session pays for"),
            new("sessions_per_month", "sessions each paid month gives"), new("service_discount_percent", "member discount on services, percent"),
            new("retail_discount_percent", "member discount on retail, percent"), new("rolls_over", "a month's unused sessions last 12 months (else to the month's end)"),
            new("pause_months_per_year", "months a member may pause in twelve"), new("cancellation_notice_days", "days of notice to cancel"),
            new("collection", "Desk or Stripe"), new("created_by", "users.id"), new("created_at", "when" + Utc), new("retired_at", "when retired" + Utc),
        ]),
        new("memberships", "memberships", "each client's membership of a plan: the day joined (every month starts on that day of the month), notice and end", "t.joined_at, t.id",
        [
            new("id", Id), new("client_id", "clients.id"), new("plan_id", "membership_plans.id"), new("collection", "Desk or Stripe"), new("monthly_price", "price a month when joined"),
            new("currency", "ISO 4217 currency"), new("started_on", "the clinic day joined"), new("joined_by", "users.id"), new("joined_at", "when" + Utc),
            new("stripe_customer_id", "Stripe customer (cus_...)"), new("stripe_subscription_id", "Stripe subscription (sub_...)"), new("cancelled_on", "the clinic day notice was given"),
            new("ends_on", "the first day no longer a member"), new("end_reason", "why it ended"),
        ]),
        new("membership_pauses", "membership_pauses", "months of a membership paused (not opened nor charged)", "t.membership_id, t.at",
        [
            new("id", Id), new("membership_id", "memberships.id"), new("first_number", "the first month paused (0 is the month joined)"), new("months", "months paused (fewer once resumed)"),
            new("planned_months", "months asked for"), new("by_user_id", "users.id"), new("at", "when" + Utc),
        ]),
        new("membership_periods", "membership_periods", "each month of a membership: Due, Paid (its line and sessions) or Forfeited (never charged: only the current month is owed)", "t.membership_id, t.number",
        [
            new("id", Id), new("membership_id", "memberships.id"), new("number", "month number (0 is the month joined)"), new("starts_on", "first day"), new("ends_on", "the next month's first day"),
            new("amount", "price of the month"), new("currency", "ISO 4217 currency"), new("state", "Due, Paid or Forfeited"), new("opened_at", "when opened" + Utc),
            new("paid_at", "when paid" + Utc), new("forfeited_at", "when forfeited" + Utc), new("invoice_line_id", "invoice_lines.id that paid it (its wallet lot)"),
            new("stripe_invoice_id", "Stripe invoice (in_...)"), new("failed_attempts", "failed charges at Stripe"), new("next_attempt_at", "Stripe's next try" + Utc),
        ]),
        new("packages", "packages", "the prepaid series the clinic sells (their terms, version by version, in package_versions)", "t.created_at, t.id",
        [new("id", Id), new("created_at", "defined" + Utc), new("retired_at", "no longer sold" + Utc)]),
        new("commission_rules", "commission_rules", "the providers' commission rules, insert-only: a new rate is a new rule from its day (decision 058)", "t.provider_id, t.effective_from, t.created_at",
        [
            new("id", Id), new("provider_id", "providers.id"), new("effective_from", "the first clinic day whose sales it counts"),
            new("services_percent", "percent of services"), new("retail_percent", "percent of retail"),
            new("after_discounts", "counted after discounts (true) or at list price"), new("created_by", "users.id"), new("created_at", "when" + Utc),
        ]),
        new("package_versions", "package_versions", "every version of every prepaid series: a sold one never changes", "t.package_id, t.number",
        [
            new("id", Id), new("package_id", "packages.id"), new("number", "version number"), new("name", "name"),
            new("service_ids", "services.id of the services it covers (space-separated in CSV)"), new("sessions", "sessions it holds"),
            new("price", "price"), new("currency", "ISO 4217 currency"), new("validity_months", "months the credits last"),
            new("created_by", "users.id"), new("created_at", "when" + Utc),
        ]),
        new("gift_cards", "gift_cards", "the gift cards sold (decision 048); what is left on each is derived from gift_card_entries", "t.issued_at, t.id",
        [
            new("id", Id), new("sale_line_id", "invoice_lines.id (the line that sold it)"), new("sale_invoice_id", "invoices.id"),
            new("code_hash", "SHA-256 of the code, hex (the code itself is stored nowhere)"), new("last_four", "the code's last four characters"),
            new("currency", "ISO 4217 currency"), new("issued_on", "the clinic day it was issued"), new("expires_on", "usable until this day (empty: never expires)"),
            new("issued_by", "users.id"), new("issued_at", "when" + Utc),
        ]),
        new("gift_card_entries", "gift_card_entries", "the gift cards' history, insert-only: issued, redeemed, returned, revoked; a card's balance is the sum", "t.sequence",
        [
            new("id", Id), new("sequence", "order of entry"), new("gift_card_id", "gift_cards.id"), new("kind", "Issued, Redeemed, Returned, Revoked..."),
            new("amount", "money"), new("currency", "ISO 4217 currency"), new("invoice_id", "invoices.id"), new("ledger_entry_id", "ledger_entries.id (the payment by card)"),
            new("return_of_id", "gift_card_entries.id given back"), new("clinic_day", "the clinic day it counts on"), new("by_user_id", "users.id"), new("at", "when" + Utc),
            new("reason", "reason"),
        ]),
        new("gift_card_orders", "gift_card_orders", "gift cards bought online (decision 048): who for whom, the message and the day the recipient is emailed", "t.created_at, t.id",
        [
            new("id", Id), new("invoice_id", "invoices.id (the sale, once paid)"), new("amount", "money"), new("currency", "ISO 4217 currency"),
            new("buyer_name", "the buyer's name"), new("buyer_email", "the buyer's email"), new("recipient_name", "the recipient's name"),
            new("recipient_email", "the recipient's email"), new("message", "the buyer's message"), new("send_on", "the clinic day the recipient is emailed"),
            new("created_at", "when" + Utc), new("checkout_session_id", "Stripe's Checkout Session (cs_...)"), new("gift_card_id", "gift_cards.id (once paid)"),
            new("paid_at", "when the payment was confirmed" + Utc), new("sent_at", "when the recipient's email was queued" + Utc),
        ], LeftOutColumns: [new("sealed_code", "the card's code sealed until it is emailed: a secret of the recipient's, never exported")]),
        new("wallet_entries", "wallet_entries", "the clients' wallet, insert-only: session credits issued, redeemed, returned; credits left are derived from the entries", "t.sequence",
        [
            new("id", Id), new("sequence", "order of entry"), new("lot_id", "the credits bought together (the Issued entry's id)"), new("kind", "Issued, Redeemed, Returned..."),
            new("sessions", "sessions"), new("amount", "money worth"), new("currency", "ISO 4217 currency"), new("expires_on", "the credits expire after this day (Issued)"),
            new("invoice_id", "invoices.id"), new("invoice_line_id", "invoice_lines.id (the line paid with a credit)"), new("ledger_entry_id", "ledger_entries.id (the payment by credit)"),
            new("return_of_id", "wallet_entries.id given back"), new("clinic_day", "the clinic day it counts on"), new("by_user_id", "users.id"), new("at", "when" + Utc),
            new("reason", "reason"),
        ]),
        new("ledger_entries", "ledger_entries", "the money ledger, insert-only: charges, payments, credits, refunds and voids; a balance is the sum of its entries", "t.sequence",
        [
            new("id", Id), new("sequence", "order of entry"), new("invoice_id", "invoices.id"), new("kind", Values<EntryKind>() + " (amounts are positive; the kind gives the direction)"),
            new("tender", Values<Tender>() + " (payments and refunds)"), new("amount", "amount"), new("currency", "ISO 4217 currency"), new("at", "when" + Utc),
            new("clinic_day", "the clinic day it counts on"), new("by_user_id", "users.id"), new("submission_id", "the form submission (one per payment)"),
            new("cash_tendered", "cash handed over"), new("change_given", "change given back"), new("card_brand", "card brand"), new("card_last_four", "card's last four digits"),
            new("approval_code", "terminal approval code"), new("reference", "the payment provider's reference"), new("refund_of_id", "the payment refunded (ledger_entries.id)"),
            new("invoice_line_id", "the line credited (invoice_lines.id)"), new("reason", "reason"),
        ]),
        new("day_closes", "day_closes", "closed clinic days: the drawer counted", "t.clinic_day",
        [new("clinic_day", "the day"), new("expected_cash", "cash the entries say"), new("counted_cash", "cash counted"), new("note", "note on a difference"), new("closed_by", "users.id"), new("closed_at", "when" + Utc)]),
        new("payment_policy_texts", "payment_policy_texts", "every version of the cancellation and payment policy", "t.version",
        [new("version", "version"), new("body", "the text (placeholders filled when shown)"), new("published_at", "when" + Utc), new("published_by_user_id", "users.id"), new("published_by_name", "who")]),
        new("policy_acceptances", "policy_acceptances", "every acceptance of the payment policy at booking", "t.id",
        [new("id", Id), new("client_id", "clients.id"), new("appointment_id", "appointments.id"), new("policy_version", "payment_policy_texts.version"), new("asked", "what was asked (deposit, card)"), new("accepted_at", "when" + Utc), new("address", "from which address"), new("user_agent", "from which browser")]),
        new("payment_customers", "payment_customers", "the client's customer id at Stripe (saved cards stay at Stripe)", "t.client_id",
        [new("client_id", "clients.id"), new("customer_id", "Stripe customer id"), new("created_at", "when" + Utc)]),
        new("online_checkouts", "online_checkouts", "payment pages opened at Stripe", "t.created_at, t.id",
        [new("id", "Stripe checkout session id"), new("purpose", "Deposit, Fee..."), new("client_id", "clients.id"), new("appointment_id", "appointments.id"), new("invoice_id", "invoices.id"), new("amount", "amount"), new("currency", "currency"), new("created_at", "when" + Utc), new("expires_at", "expiry" + Utc)],
            LeftOutColumns: [new("url", "the Stripe payment page's address: whoever holds it can pay until it expires, and it is of no use once expired")]),
        new("online_payments", "online_payments", "payments received through Stripe", "t.id",
        [new("id", Id), new("payment_intent_id", "Stripe payment intent"), new("purpose", "Deposit, Fee..."), new("client_id", "clients.id"), new("appointment_id", "appointments.id"), new("invoice_id", "invoices.id"), new("amount", "amount"), new("currency", "currency"), new("checkout_session_id", "Stripe checkout session"), new("charge_id", "Stripe charge"), new("card_brand", "card brand"), new("card_last_four", "last four digits"), new("received_at", "when" + Utc)]),
        new("online_refunds", "online_refunds", "refunds made through Stripe", "t.at, t.id",
        [new("id", "Stripe refund id"), new("payment_intent_id", "Stripe payment intent"), new("amount", "amount"), new("currency", "currency"), new("reason", "reason"), new("by_user_id", "users.id"), new("at", "when" + Utc)]),
        new("payment_disputes", "payment_disputes", "chargebacks opened by card holders", "t.opened_at, t.id",
        [new("id", "Stripe dispute id"), new("charge_id", "Stripe charge"), new("payment_intent_id", "Stripe payment intent"), new("client_id", "clients.id"), new("appointment_id", "appointments.id"), new("amount", "amount"), new("currency", "currency"), new("reason", "the card network's reason"), new("opened_at", "when" + Utc)]),
        new("booking_policy", "booking_policies", "the clinic's booking rules", "t.id",
        [
            new("id", "always 1"), new("minimum_notice_minutes", "minimum notice for online booking"), new("horizon_days", "how far ahead clients may book"),
            new("cancellation_cutoff_hours", "free cancellation until this many hours before"), new("slot_minutes", "time grid step"), new("screening_valid_days", "days a screening stays valid"),
            new("co_signature_required", "charts need the medical director's co-signature"), new("clearance_valid_months", "months a clearance stays valid"),
            new("check_in_opens_minutes_before", "check-in opens this many minutes before"), new("before_photos_per_area", "before photos required per area"),
            new("calendar_feeds_show_names", "providers' calendar feeds show clients' names"),
        ]),
        new("opening_hours", "opening_hours", "the clinic's opening hours", "t.id",
        [new("id", Id), new("day", "day of the week"), new("start", "opens, clinic time"), new("end", "closes, clinic time"), new("booking_policy_id", "booking_policy.id")]),
        new("billing_settings", "billing_settings", "the clinic's money rules", "t.id",
        [
            new("id", "always 1"), new("discount_limit_percent", "discounts above this need an Admin"), new("front_desk_may_refund", "the desk may refund"),
            new("cancellation_fee_kind", "late cancellation fee: none, fixed or percent"), new("cancellation_fee_value", "its amount or percent"),
            new("late_cancellations_before_required", "late cancellations before a deposit or card is asked"), new("no_show_fee_kind", "no-show fee: none, fixed or percent"),
            new("no_show_fee_value", "its amount or percent"), new("record_months", "months of history the rules look at"), new("require_after_no_show", "a no-show calls for a deposit or card"),
            new("safeguard", "what is asked: deposit or card on file"), new("waive_deposit_for_clean_record", "a clean record waives the deposit"),
            new("gift_card_expiry_months", "months a gift card lasts (empty: never expires)"),
            new("gift_card_min_value", "the smallest gift card sold"), new("gift_card_max_value", "the largest gift card sold"),
        ]),
        new("staff_and_accounts", "users", "every account (staff and clients' portal accounts), without secrets", "t.id",
        [
            new("id", Id), new("display_name", "name"), new("user_name", "sign-in name"), new("email", "email"), new("email_confirmed", "email confirmed"),
            new("phone_number", "phone"), new("two_factor_enabled", "two-factor sign-in on"), new("created_at", "created" + Utc), new("deactivated_at", "deactivated" + Utc),
            new("roles", "roles (space-separated in CSV)", "ARRAY(SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = t.id ORDER BY r.name)"),
        ], LeftOutColumns:
        [
            new("normalized_user_name", "upper-case copy of user_name"), new("normalized_email", "upper-case copy of email"),
            new("password_hash", "a secret: accounts set a new password in the next system"), new("security_stamp", "a secret"), new("concurrency_stamp", "technical"),
            new("phone_number_confirmed", "not used"), new("lockout_end", "a temporary sign-in lockout"), new("lockout_enabled", "technical"),
            new("access_failed_count", "a temporary count of failed sign-ins"), new("last_totp_step", "a secret's state (two-factor codes used)"),
        ]),
        new("audit_trail", "audit_entries", "the audit trail: who did what, to which record, when", "t.at, t.id",
        [new("id", Id), new("at", "when" + Utc), new("user_id", "users.id"), new("user_name", "who"), new("client_id", "clients.id concerned"), new("action", "what (chart.view, money.refund...)"), new("subject_id", "the record acted on"), new("detail", "what a reviewer needs beyond the action"), new("from_address", "from which address")]),
    ];

    /// <summary>Tables of the database not exported, each with the reason (written into the README).</summary>
    public static readonly IReadOnlyList<LeftOut> LeftOutTables =
    [
        new("photo_contents", "the photos' bytes: written as the files photos/{id}.* instead"),
        new("user_roles", "written as the roles column of staff_and_accounts"),
        new("roles", "the role names, written in staff_and_accounts"),
        new("user_claims", "not used by MicroSpa"),
        new("role_claims", "not used by MicroSpa"),
        new("user_logins", "not used by MicroSpa (no outside sign-in)"),
        new("user_tokens", "secrets (authenticator keys, recovery codes): staff set up two-factor sign-in again in the next system"),
        new("auth_sessions", "open sign-in sessions: secrets, meaningless to another system"),
        new("data_protection_keys", "the keys that protect cookies: secrets"),
        new("calendar_feeds", "providers' calendar feed links: secrets, made anew by the next system"),
        new("outbox_messages", "emails waiting or sent: the clinic's messages, not records; bodies are cleared after the retention period"),
        new("save_receipts", "kept a day to settle an interrupted save"),
        new("booking_drafts", "online bookings not finished, removed a day after their time"),
        new("waitlist_offers", "offers of a freed time, with their link's secret; they last hours"),
        new("payment_events", "Stripe's webhook messages as received; what they meant is in the online_* files"),
        new("import_uploads", "files uploaded for an import, kept a day"),
        new("import_sources", "how the columns of another system's files were mapped"),
        new("import_batches", "earlier imports into MicroSpa; the records they made are exported"),
        new("imported_rows", "which row of an earlier import made or changed which client"),
        new("imported_appointments", "which row of an earlier import made which appointment"),
        new("import_name_maps", "which of the clinic's services and providers another system's names were mapped to"),
        new("clinic_exports", "this export and earlier ones"),
        new("clinic_export_parts", "the stored archives of exports"),
        new("__EFMigrationsHistory", "the database schema's version"),
    ];
}
