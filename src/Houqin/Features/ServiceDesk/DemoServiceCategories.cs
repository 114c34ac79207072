using Houqin.Data;

namespace Houqin.Features.ServiceDesk;

/// <summary>
/// The demo's service categories with PRODUCT.md's typical commitments: acknowledge within 30 working
/// minutes; normal requests on site within a working day and resolved within three (a working day counted
/// as 7.5 office hours); urgent ones answered within 2 h and resolved within 24 h round the clock;
/// emergencies on a 24×7 clock, water and power on site within 20 minutes.
/// </summary>
public static class DemoServiceCategories
{
    private const int WorkingDay = 450;

    private static IEnumerable<ServiceCommitment> Typical(int emergencyArrive) =>
    [
        new(Urgency.Normal, Target.Working(30), Target.Working(WorkingDay), Target.Working(3 * WorkingDay)),
        new(Urgency.Urgent, Target.Always(30), Target.Always(120), Target.Always(24 * 60)),
        new(Urgency.Emergency, Target.Always(10), Target.Always(emergencyArrive), Target.Always(24 * 60)),
    ];

    private sealed record Plan(string Code, string Name, string Post, int EmergencyArrive, (string Code, string Name)[] Subcategories);

    private static readonly Plan[] Plans =
    [
        new("water", "水", "water-duty", 20, [("water-leak", "漏水"), ("water-pipe", "水管水龙头"), ("water-drain", "下水道堵塞")]),
        new("electricity", "电", "water-duty", 20, [("power-outage", "停电跳闸"), ("lighting", "灯具"), ("socket", "插座开关")]),
        new("carpentry", "木工", "repair-duty", 60, [("carpentry-repair", "木作维修")]),
        new("air-conditioning", "空调", "repair-duty", 60, [("ac-fault", "空调不制冷不制热")]),
        new("doors-windows", "门窗", "repair-duty", 60, [("door-lock", "门锁"), ("window-glass", "窗户玻璃")]),
        new("furniture", "家具", "repair-duty", 60, [("bed-desk", "床铺桌椅")]),
        new("cleaning", "保洁", "cleaning", 60, [("public-area", "公共区域保洁")]),
        new("greening", "绿化", "cleaning", 60, [("tree-pruning", "树木修剪")]),
        new("meeting-service", "会议服务", "front-desk", 60, [("meeting-setup", "会场布置")]),
    ];

    /// <summary>Adds the categories to <paramref name="db"/>; the caller saves.</summary>
    public static void Seed(AppDbContext db)
    {
        var order = 0;
        foreach (var p in Plans)
        {
            var top = new ServiceCategory(p.Code, p.Name, p.Post, null, order++, Typical(p.EmergencyArrive));
            db.Add(top);
            foreach (var (code, name) in p.Subcategories)
            {
                db.Add(new ServiceCategory(code, name, p.Post, top, order++, Typical(p.EmergencyArrive)));
            }
        }
    }
}
