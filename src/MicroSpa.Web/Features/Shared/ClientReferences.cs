namespace MicroSpa.Web.Features.Shared;

/// <summary>
/// Every column in the database that names a client, and what a merge does with it (decision 045). A test reads the
/// EF model and PostgreSQL's catalog and fails when a column naming a client is in neither list, so a table added
/// later is handled here before a merge can leave its rows on a tombstone.
/// </summary>
public static class ClientReferences
{
    /// <summary>Rows moved to the kept record by one UPDATE each, in the merge's transaction.</summary>
    public static readonly IReadOnlyList<(string Table, string Column)> MovedBySql =
    [
        ("booking_drafts", "client_id"),
        ("screenings", "client_id"),
        ("consent_signatures", "client_id"),
        ("waitlist_entries", "client_id"),
        ("treatment_records", "client_id"),
        ("aftercare_plans", "client_id"),
        ("treatment_plans", "client_id"),
        ("progress_scores", "client_id"),
        ("photos", "client_id"),
        ("medical_clearances", "client_id"),
        ("invoices", "client_id"),
        ("online_checkouts", "client_id"),
        ("online_payments", "client_id"),
        ("payment_disputes", "client_id"),
        ("policy_acceptances", "client_id"),
        ("memberships", "client_id"),
    ];

    /// <summary>Appointments move through the entity, which writes the line in each one's history (decision 030).</summary>
    public static readonly (string Table, string Column) MovedByEntity = ("appointments", "client_id");

    /// <summary>One row per client (the customer at the payment provider): moved when the kept record has none, else the merge is refused.</summary>
    public static readonly (string Table, string Column) OnePerClient = ("payment_customers", "client_id");

    /// <summary>
    /// Left as written, read through the tombstone's merged_into_id: the audit trail (insert-only: a trigger and the grants
    /// refuse updates), and an import's rows (decision 044), which keep naming the record the import made or changed so a
    /// re-import finds the kept record through the tombstone and an undo sees that the record was merged since and refuses.
    /// </summary>
    public static readonly IReadOnlyList<(string Table, string Column)> ReadThroughTombstone = [("audit_entries", "client_id"), ("imported_rows", "client_id")];

    /// <summary>The tombstones' own link: records merged earlier into the removed one are pointed at the kept one (the map stays one step deep).</summary>
    public static readonly (string Table, string Column) TombstoneLink = ("clients", "merged_into_id");

    public static IEnumerable<(string Table, string Column)> All =>
        MovedBySql.Append(MovedByEntity).Append(OnePerClient).Concat(ReadThroughTombstone).Append(TombstoneLink);
}
