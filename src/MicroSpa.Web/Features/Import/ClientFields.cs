using System.Text;

namespace MicroSpa.Web.Features.Import;

/// <summary>The client fields a column of a file can fill.</summary>
public enum ClientField
{
    None,
    ExternalId,
    FirstName,
    LastName,
    FullName,
    Email,
    Phone,
    DateOfBirth,
    Notes,
}

/// <summary>What each field is called on the mapping page, and the guess of a column's field from its header.</summary>
public static class ClientFields
{
    public static readonly IReadOnlyList<ClientField> All = Enum.GetValues<ClientField>();

    private static readonly Dictionary<string, ClientField> Exact = new(StringComparer.Ordinal)
    {
        ["firstname"] = ClientField.FirstName, ["first"] = ClientField.FirstName, ["fname"] = ClientField.FirstName,
        ["givenname"] = ClientField.FirstName, ["forename"] = ClientField.FirstName, ["prenom"] = ClientField.FirstName,
        ["vorname"] = ClientField.FirstName, ["nombre"] = ClientField.FirstName,
        ["lastname"] = ClientField.LastName, ["last"] = ClientField.LastName, ["lname"] = ClientField.LastName,
        ["surname"] = ClientField.LastName, ["familyname"] = ClientField.LastName, ["nom"] = ClientField.LastName,
        ["nachname"] = ClientField.LastName, ["apellido"] = ClientField.LastName,
        ["name"] = ClientField.FullName, ["fullname"] = ClientField.FullName, ["clientname"] = ClientField.FullName,
        ["customername"] = ClientField.FullName, ["patientname"] = ClientField.FullName, ["client"] = ClientField.FullName,
        ["customer"] = ClientField.FullName, ["patient"] = ClientField.FullName,
        ["email"] = ClientField.Email, ["emailaddress"] = ClientField.Email, ["mail"] = ClientField.Email, ["courriel"] = ClientField.Email,
        ["phone"] = ClientField.Phone, ["phonenumber"] = ClientField.Phone, ["mobile"] = ClientField.Phone,
        ["mobilephone"] = ClientField.Phone, ["mobilenumber"] = ClientField.Phone, ["cell"] = ClientField.Phone,
        ["cellphone"] = ClientField.Phone, ["telephone"] = ClientField.Phone, ["tel"] = ClientField.Phone,
        ["homephone"] = ClientField.Phone, ["workphone"] = ClientField.Phone, ["primaryphone"] = ClientField.Phone,
        ["dateofbirth"] = ClientField.DateOfBirth, ["dob"] = ClientField.DateOfBirth, ["birthdate"] = ClientField.DateOfBirth,
        ["birthday"] = ClientField.DateOfBirth, ["born"] = ClientField.DateOfBirth, ["birth"] = ClientField.DateOfBirth,
        ["notes"] = ClientField.Notes, ["note"] = ClientField.Notes, ["comments"] = ClientField.Notes,
        ["comment"] = ClientField.Notes, ["remarks"] = ClientField.Notes, ["memo"] = ClientField.Notes,
        ["id"] = ClientField.ExternalId, ["clientid"] = ClientField.ExternalId, ["customerid"] = ClientField.ExternalId,
        ["patientid"] = ClientField.ExternalId, ["externalid"] = ClientField.ExternalId, ["recordid"] = ClientField.ExternalId,
        ["clientnumber"] = ClientField.ExternalId, ["customernumber"] = ClientField.ExternalId,
    };

    /// <summary>Words a header may contain, tried in order when no name matches exactly ("Client e-mail", "Mobile phone #").</summary>
    private static readonly (string Part, ClientField Field)[] Contained =
    [
        ("email", ClientField.Email), ("mail", ClientField.Email),
        ("phone", ClientField.Phone), ("mobile", ClientField.Phone), ("cell", ClientField.Phone),
        ("birth", ClientField.DateOfBirth),
        ("first", ClientField.FirstName), ("given", ClientField.FirstName),
        ("last", ClientField.LastName), ("surname", ClientField.LastName), ("family", ClientField.LastName),
        ("note", ClientField.Notes), ("comment", ClientField.Notes),
    ];

    public static string Label(ClientField field) => field switch
    {
        ClientField.None => "Not imported",
        ClientField.ExternalId => "Client ID in the other system",
        ClientField.FirstName => "First name",
        ClientField.LastName => "Last name",
        ClientField.FullName => "Full name (first and last in one)",
        ClientField.Email => "Email",
        ClientField.Phone => "Phone",
        ClientField.DateOfBirth => "Date of birth",
        ClientField.Notes => "Front desk notes",
        _ => field.ToString(),
    };

    /// <summary>The field a header names, or <see cref="ClientField.None"/>: "First Name", "first_name" and "FIRST-NAME" alike.</summary>
    public static ClientField Guess(string header)
    {
        var key = Squeeze(header);
        if (key.Length == 0)
        {
            return ClientField.None;
        }

        if (Exact.TryGetValue(key, out var field))
        {
            return field;
        }

        foreach (var (part, contained) in Contained)
        {
            if (key.Contains(part, StringComparison.Ordinal))
            {
                return contained;
            }
        }

        return ClientField.None;
    }

    /// <summary>
    /// A field for each column: what <paramref name="remembered"/> says for it (the source's mapping of last time), else the
    /// guess from its header; a field is given to one column only (the first), and a full name only when neither the first
    /// nor the last name has a column.
    /// </summary>
    public static ClientField[] Propose(IReadOnlyList<string> headers, Func<string, ClientField?> remembered)
    {
        var proposed = headers.Select(h => remembered(h) ?? Guess(h)).ToArray();
        var taken = new HashSet<ClientField>();
        for (var i = 0; i < proposed.Length; i++)
        {
            if (proposed[i] != ClientField.None && !taken.Add(proposed[i]))
            {
                proposed[i] = ClientField.None;
            }
        }

        if (taken.Contains(ClientField.FullName) && (taken.Contains(ClientField.FirstName) || taken.Contains(ClientField.LastName)))
        {
            proposed[Array.IndexOf(proposed, ClientField.FullName)] = ClientField.None;
        }

        return proposed;
    }

    /// <summary>Lower case letters and digits only, accents removed ("Prénom" → "prenom", "E-mail" → "email").</summary>
    private static string Squeeze(string header)
    {
        var builder = new StringBuilder(header.Length);
        foreach (var c in header.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
