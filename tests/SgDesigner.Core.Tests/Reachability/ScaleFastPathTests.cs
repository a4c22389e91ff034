using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using CsCheck;
using SgDesigner.Core.Answers;
using SgDesigner.Core.Model;
using SgDesigner.Core.Reachability;
using SgDesigner.Core.Synthetic;
using SgDesigner.Core.Tests.Support;

namespace SgDesigner.Core.Tests.Reachability;

/// <summary>
/// Differential tests of the paths made fast for large estates: endpoints resolved through hashed lookups answer what
/// scanning the estate answers, batch answers equal answers made one by one, and the streamed matrix (cells computed
/// row by row with remembered set operations) equals the compact form expanded pair by pair.
/// </summary>
public class ScaleFastPathTests
{
    private static readonly Estate Generated = EstateGenerator.Generate(new EstateGeneratorOptions(400, 50, 900, Seed: 11));

    [Fact]
    public void EndpointLookupsAnswerWhatScanningTheEstateAnswers()
    {
        Gen.Select(Gen.Int, Gen.Int[1, 8]).Sample(x =>
        {
            var estate = WithInstances(RandomEstates.Make(x.Item1, x.Item2), new Random(x.Item1));
            foreach (var text in Texts(estate))
            {
                var scanned = ScanningResolver.Resolve(estate, text);
                var looked = EndpointResolver.Resolve(estate, text);
                Assert.Equal(scanned.IsOk, looked.IsOk);
                Assert.Equal(scanned.Error, looked.Error);
                if (scanned.IsOk)
                    Assert.Equal(scanned.Value, looked.Value);
            }
        }, print: x => $"RandomEstates.Make({x.Item1}, {x.Item2}) with instances");
    }

    [Fact]
    public void BatchAnswersEqualAnswersMadeOneByOne()
    {
        var engine = ReachabilityEngine.Build(Generated);
        var random = new Random(4);
        var texts = Texts(Generated).ToArray();
        var lines = new List<string>();
        for (var i = 0; i < 3_000; i++)
        {
            var (from, to) = (texts[random.Next(texts.Length)], texts[random.Next(texts.Length)]);
            lines.Add(random.Next(10) switch
            {
                0 => $$"""{"from": "{{from}}", "to": "{{to}}", "protocol": "icmp", "icmpType": 8}""",
                1 => $$"""{"from": "{{from}}", "to": "{{to}}", "protocol": "50"}""",
                2 => $$"""{"from": "{{from}}", "protocol": "tcp", "port": 22}""",
                _ => $$"""{"from": "{{from}}", "to": "{{to}}", "protocol": "tcp", "port": {{(random.Next(2) == 0 ? 443 : random.Next(0, 70_000))}}}""",
            });
        }
        var answers = ReachBatch.Answer(engine, ReachBatch.Lines(string.Join('\n', lines))).ToList();

        Assert.Equal(lines.Count, answers.Count);
        var verdicts = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var query = BatchLine.Parse(lines[i], out var error)!;
            var traffic = query.ToTraffic(ReachFieldNames.Json, out error);
            var from = traffic is null ? null : Resolve(query.From, "from", ref error);
            var to = from is null ? null : Resolve(query.To, "to", ref error);
            if (to is null)
            {
                Assert.Equal($"line {i + 1}: {error}", answers[i].Error);
                continue;
            }
            var verdict = engine.Query(from!, to, traffic!.Value);
            Assert.Null(answers[i].Error);
            Assert.Equal(AnswerJson.Line(w => VerdictJson.Write(w, query, verdict, null)), answers[i].Json);
            verdicts++;
        }
        Assert.True(verdicts > lines.Count / 2, $"only {verdicts} verdicts: the queries should mostly resolve");

        Endpoint? Resolve(string? text, string field, ref string? error)
        {
            if (error is not null)
                return null;
            if (string.IsNullOrWhiteSpace(text))
            {
                error = $"{field} is required";
                return null;
            }
            var resolved = ScanningResolver.Resolve(Generated, text);
            if (!resolved.IsOk)
                error = $"{field}: {resolved.Error}";
            return resolved.IsOk ? resolved.Value : null;
        }
    }

    [Fact]
    public void CellsReadRowByRowEqualEachCellComputedOnItsOwn()
    {
        var matrix = ReachabilityEngine.Build(Generated).Matrix();
        var cells = matrix.Cells.ToDictionary(c => (c.From, c.To), c => c.Allowed);
        Assert.True(matrix.ClassCount > 50, $"{matrix.ClassCount} classes: the estate should split into many");
        for (var from = 0; from < matrix.ClassCount; from++)
        {
            for (var to = 0; to < matrix.ClassCount; to++)
                Assert.Equal(matrix.Allowed(from, to), cells.GetValueOrDefault((from, to), TrafficSet.Empty));
        }
    }

    [Fact]
    public void TheStreamedMatrixEqualsTheCompactFormExpandedPairByPair()
    {
        foreach (var estate in new[] { Generated, RandomEstates.Make(3, 6), Estate.Empty })
        {
            var matrix = ReachabilityEngine.Build(estate).Matrix();
            Assert.Equal(ExpandedJson(estate, matrix), string.Concat(MatrixAnswer.Json(estate, matrix)));
            var bytes = MatrixAnswer.JsonUtf8(estate, matrix).SelectMany(chunk => chunk.ToArray()).ToArray();
            Assert.Equal(ExpandedJson(estate, matrix), Encoding.UTF8.GetString(bytes));
        }
        var small = EstateGenerator.Generate(new EstateGeneratorOptions(60, 12, 150, Seed: 2));
        var smallMatrix = ReachabilityEngine.Build(small).Matrix();
        Assert.Equal(ExpandedCsv(smallMatrix), string.Concat(MatrixAnswer.Csv(smallMatrix)));
    }

    // cli.md's matrix JSON written the plain way: every class pair's cell computed on its own with Allowed.
    private static string ExpandedJson(Estate estate, ReachabilityMatrix matrix)
    {
        var names = estate.Instances.ToDictionary(i => i.Id, i => i.Name);
        var descriptions = estate.NetworkInterfaces.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.First().Description);
        var enis = matrix.Enis.Select(e => AnswerJson.Line(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", e.EniId);
            w.WriteString("instance", e.InstanceId);
            w.WriteString("name", (e.InstanceId is { } i ? names.GetValueOrDefault(i) : null) ?? descriptions.GetValueOrDefault(e.EniId));
            w.WriteNumber("class", e.Class);
            w.WriteEndObject();
        }));
        var classes = matrix.Classes.Select(c => AnswerJson.Line(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("index", c.Index);
            w.WriteString("vpc", c.VpcId);
            w.WriteStartArray("groups");
            foreach (var g in c.GroupIds)
                w.WriteStringValue(g);
            w.WriteEndArray();
            w.WriteNumber("size", c.EniIds.Length);
            w.WriteEndObject();
        }));
        var cells = new List<string>();
        for (var from = 0; from < matrix.ClassCount; from++)
        {
            for (var to = 0; to < matrix.ClassCount; to++)
            {
                var allowed = matrix.Allowed(from, to);
                if (allowed.IsEmpty || from == to && matrix.Classes[from].EniIds.Length == 1)
                    continue;
                cells.Add(AnswerJson.Line(w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("from", from);
                    w.WriteNumber("to", to);
                    TrafficJson.WriteArray(w, "allowed", allowed);
                    w.WriteEndObject();
                }));
            }
        }
        return "{\n" + Array("enis", enis, last: false) + Array("classes", classes, last: false) + Array("cells", cells, last: true) + "}\n";

        static string Array(string name, IEnumerable<string> lines, bool last)
        {
            var items = lines.ToList();
            var body = items.Count == 0 ? "]" : "\n    " + string.Join(",\n    ", items) + "\n  ]";
            return $"  \"{name}\": [" + body + (last ? "\n" : ",\n");
        }
    }

    private static string ExpandedCsv(ReachabilityMatrix matrix)
    {
        var csv = new StringBuilder("from,to,protocol,ranges\n");
        foreach (var a in matrix.Enis)
        {
            foreach (var b in matrix.Enis.Where(b => b.EniId != a.EniId))
            {
                foreach (var e in matrix.Between(a.EniId, b.EniId).Entries)
                {
                    var ranges = e.Protocol.HasPorts ? string.Join(' ', e.Ports.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.From}-{r.To}")))
                        : e.Protocol.IsIcmp ? string.Join(' ', e.IcmpTypes.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Type}/{t.Code}")))
                        : "";
                    csv.Append(CultureInfo.InvariantCulture, $"{a.EniId},{b.EniId},{TrafficJson.Name(e.Protocol)},{ranges}\n");
                }
            }
        }
        return csv.ToString();
    }

    // Instances over the random ENIs, with what real data holds: shared Name tags, several ENIs per instance, device
    // indexes missing or repeated, ENI ids and private IPs used twice, an instance without an ENI.
    private static Estate WithInstances(Estate estate, Random random)
    {
        var instances = Enumerable.Range(0, 1 + random.Next(5))
            .Select(i => new Instance($"i-{i}", random.Next(3) == 0 ? null : $"name-{random.Next(3)}", ImmutableSortedDictionary<string, string>.Empty))
            .ToList();
        var enis = estate.NetworkInterfaces.Select(e => random.Next(4) == 0
            ? e
            : e with { InstanceId = instances[random.Next(instances.Count)].Id, DeviceIndex = random.Next(4) == 0 ? null : random.Next(3) }).ToList();
        if (enis.Count > 1 && random.Next(3) == 0)
            enis.Add(enis[0] with { PrivateIps = enis[1].PrivateIps, InstanceId = null });
        if (random.Next(3) == 0)
            instances.Add(instances[0]);
        return estate with { Instances = [.. instances], NetworkInterfaces = [.. enis] };
    }

    private static IEnumerable<string> Texts(Estate estate)
    {
        foreach (var i in estate.Instances)
        {
            yield return i.Id;
            if (i.Name is not null)
                yield return $" {i.Name} ";
        }
        foreach (var e in estate.NetworkInterfaces)
        {
            yield return e.Id;
            foreach (var ip in e.PrivateIps)
                yield return ip.ToString();
            if (e.PublicIp is { } pub)
                yield return pub.ToString();
        }
        yield return "8.8.8.8";
        yield return "2001:db8::1";
        yield return "no-such-thing";
        yield return "i-404";
    }

    /// <summary>The resolver as it was before its lookups: every step a scan of the estate, in estate order.</summary>
    private static class ScanningResolver
    {
        public static ParseResult<Endpoint> Resolve(Estate estate, string text)
        {
            if (string.IsNullOrWhiteSpace(text))
                return ParseResult<Endpoint>.Fail("an endpoint is required (instance id, ENI id, Name tag or IP address)");
            var t = text.Trim();
            var instance = estate.Instances.FirstOrDefault(i => i.Id == t);
            if (instance is not null)
                return PrimaryEniOf(estate, instance, t);
            var eni = estate.NetworkInterfaces.FirstOrDefault(e => e.Id == t);
            if (eni is not null)
                return EndpointResolver.OnPrimaryIp(eni, t);
            var named = estate.Instances.Where(i => i.Name == t).ToList();
            if (named.Count > 1)
                return ParseResult<Endpoint>.Fail($"'{t}' is the Name of several instances ({string.Join(", ", named.Select(i => i.Id))}); use an instance id");
            if (named.Count == 1)
                return PrimaryEniOf(estate, named[0], t);
            var ip = IpAddress.Parse(t);
            if (!ip.IsOk)
                return ParseResult<Endpoint>.Fail($"'{t}' is not an instance id, ENI id, instance Name tag or IP address in the policy");
            var owner = estate.NetworkInterfaces.FirstOrDefault(e => !e.PrivateIps.IsDefault && e.PrivateIps.Contains(ip.Value));
            return owner is not null
                ? ParseResult<Endpoint>.Ok(new EniEndpoint(owner.Id, ip.Value))
                : ParseResult<Endpoint>.Ok(new ExternalEndpointIp(ip.Value));
        }

        private static ParseResult<Endpoint> PrimaryEniOf(Estate estate, Instance instance, string text)
        {
            var primary = estate.NetworkInterfaces.Where(e => e.InstanceId == instance.Id).OrderBy(e => e.DeviceIndex ?? int.MaxValue).FirstOrDefault();
            return primary is null
                ? ParseResult<Endpoint>.Fail($"'{text}': instance {instance.Id} has no network interface in the policy")
                : EndpointResolver.OnPrimaryIp(primary, text);
        }
    }
}
