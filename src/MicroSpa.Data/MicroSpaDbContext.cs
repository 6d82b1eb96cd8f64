using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Intake;
using MicroSpa.Domain.Payments;
using MicroSpa.Domain.Scheduling;
using MicroSpa.Domain.Treatments;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MicroSpa.Data;

/// <summary>The one DbContext: Identity and the clinic's data in one PostgreSQL database.</summary>
public sealed class MicroSpaDbContext(DbContextOptions<MicroSpaDbContext> options)
    : IdentityDbContext<ApplicationUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core's data protection keys, shared by every app instance (cookies from one are read by another).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Client> Clients => Set<Client>();
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<Device> Devices => Set<Device>();
    public DbSet<BodyArea> BodyAreas => Set<BodyArea>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<BookingPolicy> BookingPolicies => Set<BookingPolicy>();
    public DbSet<TimeOff> TimeOff => Set<TimeOff>();
    public DbSet<Screening> Screenings => Set<Screening>();
    public DbSet<ScreeningQuestionnaire> ScreeningQuestionnaires => Set<ScreeningQuestionnaire>();
    public DbSet<ConsentForm> ConsentForms => Set<ConsentForm>();
    public DbSet<Domain.Billing.PaymentPolicyText> PaymentPolicyTexts => Set<Domain.Billing.PaymentPolicyText>();
    public DbSet<ConsentSignature> ConsentSignatures => Set<ConsentSignature>();
    public DbSet<MedicalClearance> MedicalClearances => Set<MedicalClearance>();
    public DbSet<BookingDraft> BookingDrafts => Set<BookingDraft>();
    public DbSet<AppointmentEvent> AppointmentEvents => Set<AppointmentEvent>();
    public DbSet<WaitlistEntry> WaitlistEntries => Set<WaitlistEntry>();
    public DbSet<WaitlistOffer> WaitlistOffers => Set<WaitlistOffer>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<ExtraShift> ExtraShifts => Set<ExtraShift>();
    public DbSet<OutOfService> OutOfService => Set<OutOfService>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<TreatmentRecord> TreatmentRecords => Set<TreatmentRecord>();
    public DbSet<ChartAddendum> ChartAddenda => Set<ChartAddendum>();
    public DbSet<AftercareTemplateItem> AftercareTemplate => Set<AftercareTemplateItem>();
    public DbSet<AftercarePlan> AftercarePlans => Set<AftercarePlan>();
    public DbSet<Domain.Audit.AuditEntry> AuditEntries => Set<Domain.Audit.AuditEntry>();
    public DbSet<Domain.Plans.TreatmentPlan> TreatmentPlans => Set<Domain.Plans.TreatmentPlan>();
    public DbSet<Domain.Plans.PlanSession> PlanSessions => Set<Domain.Plans.PlanSession>();
    public DbSet<Domain.Plans.ProgressScore> ProgressScores => Set<Domain.Plans.ProgressScore>();
    public DbSet<Domain.Plans.Photo> Photos => Set<Domain.Plans.Photo>();
    public DbSet<Domain.Messaging.OutboxMessage> Outbox => Set<Domain.Messaging.OutboxMessage>();
    public DbSet<PhotoContent> PhotoContents => Set<PhotoContent>();
    public DbSet<Domain.Exports.ClinicExport> ClinicExports => Set<Domain.Exports.ClinicExport>();
    public DbSet<ClinicExportPart> ClinicExportParts => Set<ClinicExportPart>();
    public DbSet<SaveReceipt> SaveReceipts => Set<SaveReceipt>();
    public DbSet<PaymentEvent> PaymentEvents => Set<PaymentEvent>();
    public DbSet<PaymentCustomer> PaymentCustomers => Set<PaymentCustomer>();
    public DbSet<OnlineCheckout> OnlineCheckouts => Set<OnlineCheckout>();
    public DbSet<OnlinePayment> OnlinePayments => Set<OnlinePayment>();
    public DbSet<OnlineRefund> OnlineRefunds => Set<OnlineRefund>();
    public DbSet<PolicyAcceptance> PolicyAcceptances => Set<PolicyAcceptance>();
    public DbSet<PaymentDispute> PaymentDisputes => Set<PaymentDispute>();

    public DbSet<Domain.Billing.Invoice> Invoices => Set<Domain.Billing.Invoice>();
    public DbSet<Domain.Billing.CommissionRule> CommissionRules => Set<Domain.Billing.CommissionRule>();
    public DbSet<Domain.Billing.InvoiceLine> InvoiceLines => Set<Domain.Billing.InvoiceLine>();

    /// <summary>Insert-only (decision 032): every balance is a sum of these.</summary>
    public DbSet<Domain.Billing.LedgerEntry> LedgerEntries => Set<Domain.Billing.LedgerEntry>();
    public DbSet<Domain.Billing.DayClose> DayCloses => Set<Domain.Billing.DayClose>();
    public DbSet<Domain.Billing.TaxClass> TaxClasses => Set<Domain.Billing.TaxClass>();
    public DbSet<Domain.Billing.BillingSettings> BillingSettings => Set<Domain.Billing.BillingSettings>();
    public DbSet<Domain.Billing.RetailItem> RetailItems => Set<Domain.Billing.RetailItem>();

    /// <summary>Insert-only: stock on hand is a sum of these.</summary>
    public DbSet<Domain.Billing.StockEntry> StockEntries => Set<Domain.Billing.StockEntry>();
    public DbSet<Domain.Wallet.Package> Packages => Set<Domain.Wallet.Package>();
    public DbSet<Domain.Wallet.PackageVersion> PackageVersions => Set<Domain.Wallet.PackageVersion>();
    public DbSet<Domain.Wallet.WalletEntry> WalletEntries => Set<Domain.Wallet.WalletEntry>();
    public DbSet<Domain.Wallet.GiftCard> GiftCards => Set<Domain.Wallet.GiftCard>();
    public DbSet<Domain.Wallet.GiftCardEntry> GiftCardEntries => Set<Domain.Wallet.GiftCardEntry>();
    public DbSet<Domain.Wallet.GiftCardOrder> GiftCardOrders => Set<Domain.Wallet.GiftCardOrder>();
    public DbSet<Domain.Memberships.MembershipPlan> MembershipPlans => Set<Domain.Memberships.MembershipPlan>();
    public DbSet<Domain.Memberships.Membership> Memberships => Set<Domain.Memberships.Membership>();
    public DbSet<Domain.Memberships.MembershipPeriod> MembershipPeriods => Set<Domain.Memberships.MembershipPeriod>();

    /// <summary>Signed-in sessions kept on the server (the cookie carries only the id).</summary>
    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();

    /// <summary>Files uploaded to import, between the import's steps (decision 043).</summary>
    public DbSet<Domain.Imports.ImportUpload> ImportUploads => Set<Domain.Imports.ImportUpload>();
    public DbSet<Domain.Imports.ImportSource> ImportSources => Set<Domain.Imports.ImportSource>();
    public DbSet<Domain.Imports.ImportBatch> ImportBatches => Set<Domain.Imports.ImportBatch>();
    public DbSet<Domain.Imports.ImportedRow> ImportedRows => Set<Domain.Imports.ImportedRow>();
    public DbSet<Domain.Imports.ImportedAppointment> ImportedAppointments => Set<Domain.Imports.ImportedAppointment>();
    public DbSet<Domain.Imports.ImportNameMap> ImportNameMaps => Set<Domain.Imports.ImportNameMap>();

    /// <summary>
    /// Saves through the execution strategy with a <see cref="SaveReceipt"/> in the same transaction: a
    /// transient failure before the commit saves again, one during the commit first looks for the
    /// receipt, so nothing is stored twice. Inside a caller's transaction (see <see cref="UnitOfWork"/>)
    /// the caller's unit is what is retried, and this saves plainly.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var strategy = Database.CreateExecutionStrategy();
        if (!strategy.RetriesOnFailure || Database.CurrentTransaction is not null || !ChangeTracker.HasChanges())
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var changes = PendingChanges();
        var receipt = new SaveReceipt(Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        SaveReceipts.Add(receipt);
        try
        {
            await strategy.ExecuteAsync(
                receipt,
                async (context, _, token) =>
                {
                    await using var transaction = await context.Database.BeginTransactionAsync(token);
                    if (ScheduleLocks() is { Length: > 0 } keys)
                    {
                        await Database.ExecuteSqlRawAsync(LockSql, [keys], token);
                    }

                    var saved = await base.SaveChangesAsync(false, token);
                    await transaction.CommitAsync(token);
                    return saved;
                },
                async (_, kept, token) => new ExecutionResult<int>(await SaveReceipts.AsNoTracking().AnyAsync(r => r.Id == kept.Id, token), changes),
                cancellationToken);
            if (acceptAllChangesOnSuccess)
            {
                ChangeTracker.AcceptAllChanges();
            }

            return changes;
        }
        finally
        {
            Entry(receipt).State = EntityState.Detached;
        }
    }

    /// <inheritdoc cref="SaveChangesAsync(bool, CancellationToken)"/>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var strategy = Database.CreateExecutionStrategy();
        if (!strategy.RetriesOnFailure || Database.CurrentTransaction is not null || !ChangeTracker.HasChanges())
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        var changes = PendingChanges();
        var receipt = new SaveReceipt(Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        SaveReceipts.Add(receipt);
        try
        {
            strategy.Execute(
                receipt,
                (context, _) =>
                {
                    using var transaction = context.Database.BeginTransaction();
                    if (ScheduleLocks() is { Length: > 0 } keys)
                    {
                        Database.ExecuteSqlRaw(LockSql, [keys]);
                    }

                    var saved = base.SaveChanges(false);
                    transaction.Commit();
                    return saved;
                },
                (_, kept) => new ExecutionResult<int>(SaveReceipts.AsNoTracking().Any(r => r.Id == kept.Id), changes));
            if (acceptAllChangesOnSuccess)
            {
                ChangeTracker.AcceptAllChanges();
            }

            return changes;
        }
        finally
        {
            Entry(receipt).State = EntityState.Detached;
        }
    }

    /// <summary>Takes the transaction's schedule locks in the order given (one statement; released at commit).</summary>
    private const string LockSql = "SELECT pg_advisory_xact_lock(k) FROM unnest({0}::bigint[]) AS k";

    /// <summary>
    /// Two transactions inserting appointments that overlap on a room or pen can deadlock inside PostgreSQL's
    /// exclusion checks (each waits for the other's unfinished row; PostgreSQL notices after a second and
    /// aborts one). So a save that books or moves an appointment first takes an advisory lock per provider,
    /// room and device it uses, always in the same order: the second waits the first's few milliseconds and
    /// then meets its committed row (a plain overlap, which booking answers by picking again). The locks only
    /// spare the deadlock; the exclusion constraints still decide what may be stored.
    /// </summary>
    private long[] ScheduleLocks() =>
        ChangeTracker.Entries<Domain.Scheduling.Appointment>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified && e.Entity.Status is not (Domain.Scheduling.AppointmentStatus.Cancelled or Domain.Scheduling.AppointmentStatus.NoShow))
            .SelectMany(e => new Guid?[] { e.Entity.ProviderId, e.Entity.RoomId, e.Entity.DeviceId })
            .OfType<Guid>()
            .Select(LockKey)
            .Distinct()
            .Order()
            .ToArray();

    private static long LockKey(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }

    private int PendingChanges() =>
        ChangeTracker.Entries().Count(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("btree_gist");
        builder.HasPostgresExtension("pg_trgm");

        // Identity names its tables explicitly (AspNetUsers...); keep the whole schema snake_case.
        builder.Entity<ApplicationUser>().ToTable("users");
        builder.Entity<ApplicationUser>().Property(u => u.DisplayName).HasMaxLength(Domain.FieldLengths.PersonName);

        // Written only by the one conditional UPDATE that accepts an authenticator code: Identity saves a user by
        // writing every column, and a request holding the user from before the code was taken must not write the
        // old step back (it would let the code work again).
        builder.Entity<ApplicationUser>().Property(u => u.LastTotpStep).Metadata.SetAfterSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);

        // Identity checks RequireUniqueEmail in C# only; the database settles two sign-ups racing for one email.
        builder.Entity<ApplicationUser>().HasIndex(u => u.NormalizedEmail).IsUnique();
        builder.Entity<IdentityRole<Guid>>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
        builder.ApplyConfigurationsFromAssembly(typeof(MicroSpaDbContext).Assembly);
    }
}
