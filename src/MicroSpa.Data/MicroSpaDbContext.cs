using MicroSpa.Data.Identity;
using MicroSpa.Domain.Clients;
using MicroSpa.Domain.Intake;
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
    public DbSet<ConsentForm> ConsentForms => Set<ConsentForm>();
    public DbSet<ConsentSignature> ConsentSignatures => Set<ConsentSignature>();
    public DbSet<BookingDraft> BookingDrafts => Set<BookingDraft>();
    public DbSet<AppointmentEvent> AppointmentEvents => Set<AppointmentEvent>();
    public DbSet<WaitlistEntry> WaitlistEntries => Set<WaitlistEntry>();
    public DbSet<WaitlistOffer> WaitlistOffers => Set<WaitlistOffer>();
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
    public DbSet<SaveReceipt> SaveReceipts => Set<SaveReceipt>();

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
