using System.Net.Mail;

namespace MicroSpa.Domain.Clients;

/// <summary>A person who receives treatment. A client record does not need a login.</summary>
public sealed class Client
{
    private Client()
    {
        FirstName = LastName = string.Empty;
    }

    /// <remarks>A walk-in may give only a phone number; one way to reach the client is required.</remarks>
    public Client(string firstName, string lastName, string? email, string? phone, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7();
        CreatedAt = createdAt.ToUniversalTime();
        FirstName = LastName = string.Empty;
        Rename(firstName, lastName);
        ChangeContact(email, phone);
    }

    public Guid Id { get; private set; }
    public string FirstName { get; private set; }
    public string LastName { get; private set; }
    /// <summary>Null for a client who gave only a phone number (no emails, no portal account until they give one).</summary>
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public DateOnly? DateOfBirth { get; private set; }

    /// <summary>Front desk notes (preferences, practical details). Never clinical information.</summary>
    public string? Notes { get; private set; }

    public Guid? PreferredProviderId { get; private set; }

    /// <summary>The portal account, once the client has one: it reads the client's appointments, aftercare, photos and progress.</summary>
    public Guid? UserId { get; private set; }

    /// <summary>
    /// A portal account made for this record by someone other than the client (a front desk invitation, or a
    /// sign-up with the address the front desk typed): it sees nothing of the record until a clinician, with the
    /// client in front of them, confirms the address is the client's (<see cref="ConfirmPendingAccount"/>).
    /// </summary>
    public Guid? PendingUserId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The client asked for no non-essential messages (check-ins, due and maintenance reminders).</summary>
    public bool OptedOutOfReminders { get; private set; }

    /// <summary>
    /// Set on a record merged into another (a duplicate found later, decision 045): this row stays as a tombstone so old
    /// links and the insert-only audit trail still resolve, and everything it held now belongs to the kept record.
    /// </summary>
    public Guid? MergedIntoId { get; private set; }

    public DateTimeOffset? MergedAt { get; private set; }

    public bool IsMerged => MergedIntoId is not null;

    public void SetReminderPreference(bool optOut) => OptedOutOfReminders = optOut;

    public string FullName => $"{FirstName} {LastName}";

    public void Rename(string firstName, string lastName)
    {
        FirstName = RequireText(firstName, FieldLengths.PersonName, "first name", nameof(FirstName));
        LastName = RequireText(lastName, FieldLengths.PersonName, "last name", nameof(LastName));
    }

    public void ChangeContact(string? email, string? phone)
    {
        var phoneTrimmed = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        if (phoneTrimmed is { Length: > FieldLengths.Phone })
        {
            throw new DomainException($"A phone number has at most {FieldLengths.Phone} characters.", nameof(Phone));
        }

        string? emailTrimmed = null;
        if (!string.IsNullOrWhiteSpace(email))
        {
            emailTrimmed = RequireText(email, FieldLengths.Email, "email address", nameof(Email));
            if (!MailAddress.TryCreate(emailTrimmed, out var parsed) || parsed.Address != emailTrimmed)
            {
                throw new DomainException("Enter a valid email address.", nameof(Email));
            }
        }
        else if (UserId is not null)
        {
            throw new DomainException("A client with an online account keeps an email address.", nameof(Email));
        }

        if (emailTrimmed is null && phoneTrimmed is null)
        {
            throw new DomainException("Give an email address or a phone number.", nameof(Email));
        }

        if (PendingUserId is not null && !string.Equals(emailTrimmed, Email, StringComparison.OrdinalIgnoreCase))
        {
            // The waiting account was made for the old address: it will never be confirmed for this record.
            PendingUserId = null;
        }

        Email = emailTrimmed;
        Phone = phoneTrimmed;
    }

    public void RecordDateOfBirth(DateOnly dateOfBirth, DateOnly today)
    {
        if (dateOfBirth > today || dateOfBirth < today.AddYears(-120))
        {
            throw new DomainException("Enter a real date of birth.", nameof(DateOfBirth));
        }

        DateOfBirth = dateOfBirth;
    }

    public void UpdateFrontDeskDetails(string? notes, Guid? preferredProviderId)
    {
        var trimmed = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        if (trimmed is { Length: > FieldLengths.Note })
        {
            throw new DomainException($"Notes can be at most {FieldLengths.Note} characters.", nameof(Notes));
        }

        Notes = trimmed;
        PreferredProviderId = preferredProviderId;
    }

    /// <summary>
    /// An import's change undone (decision 044): the contact details, date of birth and notes it replaced are put back,
    /// the same guards as any change applying (a client with a portal account keeps an email).
    /// </summary>
    public void RestoreImportedDetails(string? email, string? phone, DateOnly? dateOfBirth, string? notes)
    {
        ChangeContact(email, phone);
        DateOfBirth = dateOfBirth;
        UpdateFrontDeskDetails(notes, PreferredProviderId);
    }

    public void LinkAccount(Guid userId)
    {
        if (Email is null)
        {
            throw new DomainException("An online account needs the client's email address.", nameof(Email));
        }

        if (UserId is { } existing && existing != userId)
        {
            throw new DomainException("This client already has a portal account.");
        }

        UserId = userId;
    }

    /// <summary>An account made for this record by someone other than the client waits for the client's confirmation.</summary>
    public void OfferAccount(Guid userId)
    {
        if (Email is null)
        {
            throw new DomainException("An online account needs the client's email address.", nameof(Email));
        }

        if (UserId is not null)
        {
            throw new DomainException("This client already has a portal account.");
        }

        if (PendingUserId is { } pending && pending != userId)
        {
            throw new DomainException("An online account already waits for the client to confirm their address.");
        }

        PendingUserId = userId;
    }

    /// <summary>The client confirmed in person that the waiting account's address is theirs: the account now reads the record.</summary>
    public Guid ConfirmPendingAccount()
    {
        if (PendingUserId is not { } pending)
        {
            throw new DomainException("No online account waits for this client's confirmation.");
        }

        UserId = pending;
        PendingUserId = null;
        return pending;
    }

    private static string RequireText(string value, int maxLength, string what, string field)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new DomainException($"Enter the {what}.", field);
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainException($"The {what} has at most {maxLength} characters.", field);
        }

        return trimmed;
    }

    /// <summary>
    /// This record is a duplicate of <paramref name="keptId"/>: it becomes a tombstone pointing there, gives up its
    /// contact details, notes and portal account (answered so the kept record can take what the desk chose), keeping only
    /// its names for the audit trail's old entries.
    /// </summary>
    public MergedDetails MergeInto(Guid keptId, DateTimeOffset at)
    {
        if (keptId == Id)
        {
            throw new DomainException("A client record cannot be merged into itself.");
        }

        if (IsMerged)
        {
            throw new DomainException("This client record was already merged into another.");
        }

        var given = new MergedDetails(FirstName, LastName, Email, Phone, DateOfBirth, Notes, PreferredProviderId, UserId, PendingUserId, OptedOutOfReminders);
        (Email, Phone, DateOfBirth, Notes, PreferredProviderId, UserId, PendingUserId) = (null, null, null, null, null, null, null);
        MergedIntoId = keptId;
        MergedAt = at.ToUniversalTime();
        return given;
    }

    /// <summary>
    /// The kept record takes a merged duplicate's portal account (when it has none), the values the desk chose for each
    /// differing field, its preferred provider when it had none, and its opt-out (either asked: no reminders).
    /// </summary>
    public void TakeOverFrom(MergedDetails duplicate, MergeChoices take, DateOnly today)
    {
        if (IsMerged)
        {
            throw new DomainException("This client record was merged into another: keep the record it points to.");
        }

        if ((UserId ?? PendingUserId) is not null && (duplicate.UserId ?? duplicate.PendingUserId) is not null)
        {
            throw new DomainException("Both records have a portal account.");
        }

        Rename(take.FirstName ? duplicate.FirstName : FirstName, take.LastName ? duplicate.LastName : LastName);
        UserId ??= duplicate.UserId;
        ChangeContact(take.Email ? duplicate.Email : Email, take.Phone ? duplicate.Phone : Phone);

        // An account waiting for the in-person check was made for one address (decision 021): it comes along only with it.
        if (duplicate.PendingUserId is { } waiting && string.Equals(Email, duplicate.Email, StringComparison.OrdinalIgnoreCase))
        {
            PendingUserId = waiting;
        }
        if (take.DateOfBirth && duplicate.DateOfBirth is { } born)
        {
            RecordDateOfBirth(born, today);
        }
        else if (take.DateOfBirth)
        {
            DateOfBirth = null;
        }

        UpdateFrontDeskDetails(take.Notes ? duplicate.Notes : Notes, PreferredProviderId ?? duplicate.PreferredProviderId);
        OptedOutOfReminders |= duplicate.OptedOutOfReminders;
    }
}

/// <summary>What a merged duplicate gave up (<see cref="Client.MergeInto"/>), for the kept record to take what the desk chose.</summary>
public sealed record MergedDetails(
    string FirstName, string LastName, string? Email, string? Phone, DateOnly? DateOfBirth, string? Notes, Guid? PreferredProviderId,
    Guid? UserId, Guid? PendingUserId, bool OptedOutOfReminders);

/// <summary>For each field that differs, whether the kept record takes the duplicate's value (true) or keeps its own.</summary>
public sealed record MergeChoices(bool FirstName, bool LastName, bool Email, bool Phone, bool DateOfBirth, bool Notes);
