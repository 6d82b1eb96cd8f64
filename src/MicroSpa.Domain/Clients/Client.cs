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
}
