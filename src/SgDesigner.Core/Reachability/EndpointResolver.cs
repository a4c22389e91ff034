using SgDesigner.Core.Validation;
using SgDesigner.Core.Model;

namespace SgDesigner.Core.Reachability;

/// <summary>Turns what a user types for an endpoint into an <see cref="Endpoint"/> (cli.md "sgd reach").</summary>
public static class EndpointResolver
{
    /// <summary>
    /// Resolves, in this order: an instance id (its primary ENI, device index 0), an ENI id, an instance's
    /// Name tag, a private IP of an ENI, or any other IP address (an endpoint outside the estate; a public
    /// IP of an ENI is outside too, since group references never match it).
    /// </summary>
    public static ParseResult<Endpoint> Resolve(Estate estate, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return ParseResult<Endpoint>.Fail("an endpoint is required (instance id, ENI id, Name tag or IP address)");
        var t = text.Trim();
        // Hashed lookups kept with the estate: a batch of queries must not scan every instance and ENI per endpoint.
        var lookup = EndpointLookup.Of(estate);

        var instance = lookup.Instance(t);
        if (instance is not null)
            return PrimaryEniOf(lookup, instance, t);

        var eni = lookup.Eni(t);
        if (eni is not null)
            return OnPrimaryIp(eni, t);

        var named = lookup.Named(t);
        if (named.Count > 1)
            return ParseResult<Endpoint>.Fail($"{QuotedValue.Of(t)} is the Name of several instances ({string.Join(", ", named.Select(i => i.Id))}); use an instance id");
        if (named.Count == 1)
            return PrimaryEniOf(lookup, named[0], t);

        var ip = IpAddress.Parse(t);
        if (!ip.IsOk)
            return ParseResult<Endpoint>.Fail($"{QuotedValue.Of(t)} is not an instance id, ENI id, instance Name tag or IP address in the policy");
        var owner = lookup.OwnerOf(ip.Value);
        return owner is not null
            ? ParseResult<Endpoint>.Ok(new EniEndpoint(owner.Id, ip.Value))
            : ParseResult<Endpoint>.Ok(new ExternalEndpointIp(ip.Value));
    }

    /// <summary>The endpoint for <paramref name="eni"/> on its primary private IP.</summary>
    public static ParseResult<Endpoint> OnPrimaryIp(NetworkInterface eni, string text)
    {
        return eni.PrimaryIp is { } primary
            ? ParseResult<Endpoint>.Ok(new EniEndpoint(eni.Id, primary))
            : ParseResult<Endpoint>.Fail($"{QuotedValue.Of(text)}: network interface {eni.Id} has no private IP");
    }

    private static ParseResult<Endpoint> PrimaryEniOf(EndpointLookup lookup, Instance instance, string text)
    {
        // The primary ENI is the one at device index 0; fall back to the lowest index when data lacks it.
        var primary = lookup.PrimaryEni(instance.Id);
        return primary is null
            ? ParseResult<Endpoint>.Fail($"{QuotedValue.Of(text)}: instance {instance.Id} has no network interface in the policy")
            : OnPrimaryIp(primary, text);
    }
}
