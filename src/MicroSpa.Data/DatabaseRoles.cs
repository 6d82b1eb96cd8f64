using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace MicroSpa.Data;

/// <summary>
/// Two database roles: the owner, which the migrations run as, and the role the running app connects
/// as, which may read and write rows and nothing else. The app's role owns no table, so it cannot
/// re-grant itself, drop the audit trail's trigger or change the schema; the audit trail, the ledger and the
/// published versions of the consent text and the screening questions are insert-only for it; the migration history is read-only.
/// </summary>
public static partial class DatabaseRoles
{
    /// <summary>The money tables nobody changes or deletes a row of (decision 032), like the audit trail.</summary>
    public static readonly IReadOnlyList<string> InsertOnlyMoneyTables = ["ledger_entries", "stock_entries", "day_closes", "wallet_entries", "gift_cards", "gift_card_entries"];

    /// <summary>
    /// What the payment provider told MicroSpa and what MicroSpa asked of it (issue 18): facts, never edited, never deleted;
    /// what became of a payment is a later row (a refund, a dispute), not a changed one.
    /// </summary>
    public static readonly IReadOnlyList<string> InsertOnlyPaymentTables =
        ["payment_events", "payment_customers", "online_checkouts", "online_payments", "online_refunds", "policy_acceptances", "payment_disputes"];

    /// <summary>
    /// The insert-only payment tables whose rows name a client: a desk's merge of two records of one client (decision 045)
    /// points them at the record kept, so the app's role may change that one column and nothing else of the fact.
    /// </summary>
    public static readonly IReadOnlyList<string> ClientReassignableTables =
        ["payment_customers", "online_checkouts", "online_payments", "policy_acceptances", "payment_disputes"];

    /// <summary>
    /// Gives the app's role exactly what it needs on every table and sequence the migrations made. Run by
    /// the owner after each migration (the grants are repeated, so new tables are covered).
    /// </summary>
    public static async Task GrantRuntimeAccessAsync(MicroSpaDbContext ownerContext, string role, CancellationToken cancellationToken = default)
    {
        if (!RoleName().IsMatch(role))
        {
            throw new ArgumentException($"'{role}' is not a plain PostgreSQL role name (lower-case letters, digits, underscores).", nameof(role));
        }

        // The role name is checked above; identifiers cannot be bound as parameters.
#pragma warning disable EF1002
        await ownerContext.Database.ExecuteSqlRawAsync($"""
            GRANT USAGE ON SCHEMA public TO "{role}";
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}";
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{role}";
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "__EFMigrationsHistory" FROM "{role}";
            REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM "{role}";
            REVOKE UPDATE, DELETE, TRUNCATE ON {string.Join(", ", InsertOnlyMoneyTables)} FROM "{role}";
            REVOKE UPDATE, DELETE, TRUNCATE ON consent_forms, screening_questionnaires, payment_policy_texts, package_versions, commission_rules FROM "{role}";
            REVOKE UPDATE, DELETE, TRUNCATE ON {string.Join(", ", InsertOnlyPaymentTables)} FROM "{role}";
            GRANT UPDATE (client_id) ON {string.Join(", ", ClientReassignableTables)} TO "{role}";
            """, cancellationToken);
#pragma warning restore EF1002
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();
}
