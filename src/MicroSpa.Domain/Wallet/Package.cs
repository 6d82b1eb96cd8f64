using MicroSpa.Domain.Billing;

namespace MicroSpa.Domain.Wallet;

/// <summary>
/// A prepaid series the clinic sells ("Face series of 3"): what it is now is its newest <see cref="PackageVersion"/>.
/// A change is a new version, so what a client bought never changes under them (their invoice line names the version);
/// a package no longer sold is retired, never deleted (decision 047).
/// </summary>
public sealed class Package
{
    private Package()
    {
    }

    public Guid Id { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the Admin stopped selling it; credits already sold stay good until they expire.</summary>
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool Retired => RetiredAt is not null;

    /// <summary>A new package and its first version.</summary>
    public static (Package Package, PackageVersion Version) Define(PackageTerms terms, Guid byUserId, DateTimeOffset now)
    {
        var package = new Package { Id = Guid.CreateVersion7(), CreatedAt = now.ToUniversalTime() };
        return (package, new PackageVersion(package.Id, 1, terms, byUserId, now));
    }

    /// <summary>The next version after <paramref name="current"/>: credits sold under earlier versions keep theirs.</summary>
    public PackageVersion Revise(PackageVersion current, PackageTerms terms, Guid byUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (current.PackageId != Id)
        {
            throw new ArgumentException("That version is another package's.", nameof(current));
        }

        if (Retired)
        {
            throw new DomainException("This package is retired: offer it again before changing it.");
        }

        return new PackageVersion(Id, current.Number + 1, terms, byUserId, now);
    }

    public void Retire(DateTimeOffset now) => RetiredAt ??= now.ToUniversalTime();

    public void Reinstate() => RetiredAt = null;
}

/// <summary>What a package is sold as: its name, the services a credit pays for, the sessions, the price, how long credits last.</summary>
public sealed record PackageTerms(string Name, IReadOnlyList<Guid> ServiceIds, int Sessions, Money Price, int ValidityMonths);

/// <summary>One version of a package, insert-only: the terms a sale was made on.</summary>
public sealed class PackageVersion
{
    public const int NameLength = 120;
    public const int MaxSessions = 50;
    public const int MaxValidityMonths = 120;
    public const int MaxServices = 20;

    private PackageVersion()
    {
        Name = string.Empty;
        Currency = string.Empty;
        ServiceIds = [];
    }

    internal PackageVersion(Guid packageId, int number, PackageTerms terms, Guid byUserId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var name = terms.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > NameLength)
        {
            throw new DomainException($"Give the package a name of 1 to {NameLength} characters.", nameof(Name));
        }

        var services = (terms.ServiceIds ?? []).Distinct().ToArray();
        if (services.Length is 0 or > MaxServices)
        {
            throw new DomainException($"Choose the services a credit pays for (1 to {MaxServices}).", nameof(ServiceIds));
        }

        if (terms.Sessions is < 1 or > MaxSessions)
        {
            throw new DomainException($"A package holds 1 to {MaxSessions} sessions.", nameof(Sessions));
        }

        if (terms.ValidityMonths is < 1 or > MaxValidityMonths)
        {
            throw new DomainException($"Credits last 1 to {MaxValidityMonths} months.", nameof(ValidityMonths));
        }

        Id = Guid.CreateVersion7();
        PackageId = packageId;
        Number = number;
        Name = name;
        ServiceIds = services;
        Sessions = terms.Sessions;
        Price = Money.RequireAmount(terms.Price.Amount, nameof(Price));
        Currency = terms.Price.Currency;
        ValidityMonths = terms.ValidityMonths;
        CreatedBy = byUserId;
        CreatedAt = now.ToUniversalTime();
    }

    public Guid Id { get; private set; }
    public Guid PackageId { get; private set; }

    /// <summary>1 for the package as first defined, then one more per change.</summary>
    public int Number { get; private set; }

    public string Name { get; private set; }

    /// <summary>The services one credit pays for (any one of them, one session).</summary>
    public Guid[] ServiceIds { get; private set; }

    public int Sessions { get; private set; }
    public decimal Price { get; private set; }
    public string Currency { get; private set; }
    public int ValidityMonths { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public bool Covers(Guid serviceId) => ServiceIds.Contains(serviceId);

    /// <summary>What a lot of this version's credits is (decision 047).</summary>
    public CreditTerms CreditTerms => new(Name, ServiceIds, Sessions, Currency, CreditSource.Package, ValidityMonths);

    /// <summary>The last day credits bought on <paramref name="paidOn"/> can be used.</summary>
    public DateOnly ExpiresOn(DateOnly paidOn) => paidOn.AddMonths(ValidityMonths);
}
