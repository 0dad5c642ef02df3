import type { Random } from "./random.js";

/**
 * The words of generated data: fictional place and person names, handling units, and the
 * topics constituents raise (drawn from the kinds of issues the seed documents mention:
 * street lights, village roads, ponds, self-built housing, traffic, schooling, medical care).
 */

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红梅林云峰亮斌辉宇鹏飞玲丹萍春燕海波东晓雪琳慧颖倩俊杰文博浩然思源子涵欣怡嘉懿雨泽佳琪梓萱一鸣金凤德胜";
const PLACE_A = "青白石清长安永新东西南北金玉龙凤桃柳梅松云湘沅资澧潭岳衡宁怀华兴平和丰乐洪泉溪桥塘坪冲湾";
const PLACE_B = "山河江湖溪源田岭坡坝洲峰林桥冲塘湾口坪阳水宁安兴丰和";

const charAt = (text: string, index: number): string => text.charAt(index % text.length);

/** A two-character place name, different for each index below PLACE_A.length × PLACE_B.length. */
export const placeName = (index: number): string => {
  const a = index % PLACE_A.length;
  const b = Math.floor(index / PLACE_A.length) % PLACE_B.length;
  return charAt(PLACE_A, a) + charAt(PLACE_B, (b + a * 7) % PLACE_B.length);
};

export const personName = (random: Random): string => {
  const surname = charAt(SURNAMES, random.int(0, SURNAMES.length - 1));
  const first = charAt(GIVEN, random.int(0, GIVEN.length - 1));
  return random.chance(0.7) ? surname + first + charAt(GIVEN, random.int(0, GIVEN.length - 1)) : surname + first;
};

/** Handling units (承办单位) of a local government, and the topic keys each handles. */
export const UNIT_TEMPLATES: readonly { readonly name: string; readonly topics: readonly string[] }[] = [
  { name: "发展和改革局", topics: ["economy", "projects"] },
  { name: "教育局", topics: ["schooling"] },
  { name: "科学技术局", topics: ["economy"] },
  { name: "工业和信息化局", topics: ["economy", "broadband"] },
  { name: "公安局", topics: ["safety", "traffic"] },
  { name: "民政局", topics: ["elderly"] },
  { name: "司法局", topics: ["safety"] },
  { name: "财政局", topics: ["projects"] },
  { name: "人力资源和社会保障局", topics: ["employment", "elderly"] },
  { name: "自然资源局", topics: ["housing", "land"] },
  { name: "生态环境局", topics: ["environment"] },
  { name: "住房和城乡建设局", topics: ["housing", "streetlights"] },
  { name: "交通运输局", topics: ["roads", "traffic"] },
  { name: "水利局", topics: ["ponds", "water"] },
  { name: "农业农村局", topics: ["agriculture", "ponds", "land"] },
  { name: "商务局", topics: ["economy"] },
  { name: "文化旅游广电体育局", topics: ["culture"] },
  { name: "卫生健康局", topics: ["medical"] },
  { name: "退役军人事务局", topics: ["elderly"] },
  { name: "应急管理局", topics: ["safety"] },
  { name: "审计局", topics: ["projects"] },
  { name: "市场监督管理局", topics: ["food"] },
  { name: "统计局", topics: ["economy"] },
  { name: "医疗保障局", topics: ["medical"] },
  { name: "城市管理局", topics: ["streetlights", "environment", "traffic"] },
  { name: "林业局", topics: ["environment", "land"] },
  { name: "乡村振兴局", topics: ["agriculture", "roads"] },
  { name: "行政审批服务局", topics: ["economy"] },
  { name: "供销合作社", topics: ["agriculture"] },
  { name: "融媒体中心", topics: ["culture"] },
  { name: "住房公积金管理部", topics: ["housing"] },
  { name: "供电公司", topics: ["streetlights", "broadband"] },
  { name: "自来水公司", topics: ["water"] },
  { name: "公路建设养护中心", topics: ["roads"] },
  { name: "数据资源局", topics: ["broadband"] },
  { name: "疾病预防控制中心", topics: ["medical"] },
];

export interface Topic {
  readonly key: string;
  /** A short title: "关于<subject>的建议". */
  readonly subjects: readonly string[];
  /** What constituents say. */
  readonly opinions: readonly string[];
}

export const TOPICS: readonly Topic[] = [
  { key: "streetlights", subjects: ["加装沿线路灯", "修复损坏路灯"], opinions: ["沿线没有路灯，夜间出行不便，也容易引发治安问题", "路灯损坏多时无人维修"] },
  { key: "roads", subjects: ["拓宽村组道路", "修缮通村公路", "增设道路安全设施"], opinions: ["村组道路狭窄，会车困难，希望拓宽", "通村公路路面破损严重", "急弯处缺少护栏和警示标志"] },
  { key: "ponds", subjects: ["山塘清淤扩容", "修缮农田水利设施"], opinions: ["山塘淤积严重，蓄水不足", "灌溉渠道年久失修"] },
  { key: "water", subjects: ["改善农村饮水安全", "延伸供水管网"], opinions: ["夏季用水高峰经常停水", "自来水管网尚未通到本组"] },
  { key: "housing", subjects: ["农村自建房安全整治", "老旧小区改造"], opinions: ["部分自建房存在安全隐患", "老旧小区管网老化、缺少电梯"] },
  { key: "traffic", subjects: ["缓解城区交通拥堵", "规范停车秩序"], opinions: ["上下学时段学校周边交通拥堵", "小区周边停车难、乱停车"] },
  { key: "environment", subjects: ["整治市容环境", "加强河道保洁"], opinions: ["垃圾清运不及时", "河道漂浮物较多"] },
  { key: "schooling", subjects: ["改善农村学校办学条件", "增加普惠性学位"], opinions: ["村小教师不足", "幼儿园学位紧张"] },
  { key: "medical", subjects: ["提升基层医疗服务能力", "完善村卫生室建设"], opinions: ["乡镇卫生院缺少专科医生", "村卫生室药品不全"] },
  { key: "elderly", subjects: ["发展居家养老服务", "提高高龄老人补贴"], opinions: ["独居老人缺少照料", "希望建设老年食堂"] },
  { key: "employment", subjects: ["加强就业技能培训", "保障农民工工资支付"], opinions: ["希望在家门口开展技能培训", "工程款拖欠导致工资未发"] },
  { key: "agriculture", subjects: ["扶持特色产业发展", "完善农产品销售渠道"], opinions: ["种植的黄豆销路不畅", "希望提供农技指导"] },
  { key: "economy", subjects: ["优化营商环境", "助企纾困"], opinions: ["企业融资难、融资贵", "项目审批环节较多"] },
  { key: "projects", subjects: ["加快民生实事项目建设", "规范政府投资项目管理"], opinions: ["民生实事项目进度缓慢", "希望公开项目资金使用情况"] },
  { key: "safety", subjects: ["加强农村治安防控", "开展安全生产检查"], opinions: ["村里缺少监控探头", "小作坊存在消防隐患"] },
  { key: "culture", subjects: ["丰富群众文化生活", "保护利用红色资源"], opinions: ["村文化广场设施陈旧", "希望修缮革命旧址"] },
  { key: "food", subjects: ["加强校园食品安全监管", "规范农贸市场管理"], opinions: ["学校周边流动摊贩较多", "农贸市场卫生条件差"] },
  { key: "land", subjects: ["规范农村宅基地审批", "加强耕地保护"], opinions: ["宅基地审批周期长", "有耕地被撂荒"] },
  { key: "broadband", subjects: ["提升农村网络覆盖", "推进数字乡村建设"], opinions: ["山区手机信号差", "希望宽带通到组"] },
];
