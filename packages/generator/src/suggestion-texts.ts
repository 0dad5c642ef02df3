import type { Random } from "./random.js";
import type { SuggestionPlace as P } from "./suggestion-places.js";

/**
 * What suggestions say, by topic (the kinds of issues the seed documents name: village roads,
 * street lights, ponds, drinking water, self-built housing, traffic, schooling, medical care,
 * care of the elderly, the business environment…): titles composed of a place, a problem and
 * an ask, and what a unit reports having done (or planning to do), with figures and their
 * units at the scale the seeds give (6 street lights, 5 ponds dredged, 150 mu of soybeans,
 * 300,000–1,000,000 yuan of a township's micro-projects).
 */

type Text = (p: P, r: Random) => string;

/** A title, and what the reply says when it differs from the topic's (work, result, obstacle). */
export interface TitleVariant {
  readonly title: (p: P) => string;
  readonly work?: Text;
  readonly result?: Text;
  readonly obstacle?: Text;
}

export interface TopicTexts {
  /** The inner part of a title (关于<subject>的建议), alone or with its own reply texts. */
  readonly titles: readonly (((p: P) => string) | TitleVariant)[];
  /** The reasons and asks of the body, after the constituents' opinion. */
  readonly ask: (p: P) => string;
  /** Money the work takes, in 10,000 yuan (万元), when it takes money from a budget. */
  readonly budget: readonly [number, number] | undefined;
  /** The work, phrased so that 已…完成 (done) and 计划…(planned) both read: with figures. */
  readonly work: (p: P, r: Random) => string;
  /** What the finished work gives (replies of category A). */
  readonly result: (p: P, r: Random) => string;
  /** Why it cannot be done now (replies of category C). */
  readonly obstacle: (p: P, r: Random) => string;
}

const wan = (r: Random, min: number, max: number): string => `${r.int(min, max)}万元`;
const km = (r: Random, min: number, max: number): string => `${(r.int(min * 10, max * 10) / 10).toFixed(1)}公里`;

export const TOPIC_TEXTS: Readonly<Record<string, TopicTexts>> = {
  streetlights: {
    budget: [5, 60],
    titles: [(p) => `在${p.village}主干道加装路灯`, (p) => `修复${p.road}${p.village}段损坏路灯`, { title: (p) => `解决${p.townShort}集镇${p.street}照明不足问题`, work: (p, r) => `在${p.townShort}集镇${p.street}安装LED路灯${r.int(8, 40)}盏、更换老旧灯具${r.int(4, 20)}盏` }, (p) => `将${p.otherVillage}纳入“亮化工程”实施范围`],
    ask: () => "建议将该路段纳入亮化工程，明确路灯的日常维护责任，方便群众夜间出行",
    work: (p, r) => `在${p.village}沿线安装太阳能路灯${r.int(6, 40)}盏、修复损坏路灯${r.int(2, 12)}盏`,
    result: (_p, r) => `路灯已全部亮灯，并明确由村委会负责日常维护，惠及群众${r.int(15, 90)}0余户`,
    obstacle: (_p, r) => `该路段尚未接入市政供电线路，整体改造需投入约${wan(r, 40, 120)}`,
  },
  roads: {
    budget: [50, 600],
    titles: [(p) => `拓宽${p.road}${p.village}段`, { title: (p) => `对${p.village}至${p.otherVillage}通组公路进行硬化`, work: (p, r) => `对${p.village}至${p.otherVillage}通组公路${km(r, 0.8, 5)}进行水泥硬化，路面宽${r.pick(["3.5", "4.5"])}米` }, (p) => `在${p.road}急弯路段增设护栏和警示标志`, (p) => `尽快修复${p.road}破损路面`, (p) => `解决${p.village}${p.group}群众出行难问题`],
    ask: () => "建议将该路段纳入农村公路提质改造计划，尽快拓宽硬化并完善安全防护设施",
    work: (p, r) => `对${p.road}${p.village}段${km(r, 0.8, 6)}路面进行拓宽改造，路面由3.5米拓宽至${r.pick(["4.5", "5.5", "6.5"])}米，增设波形护栏${r.int(200, 1500)}米`,
    result: (_p, r) => `工程已通过交工验收，沿线${r.int(3, 25)}00余名群众出行条件明显改善`,
    obstacle: (_p, r) => `该路段涉及基本农田占用和林地报批，估算投资${wan(r, 300, 1200)}，超出本年度农村公路建设资金安排`,
  },
  ponds: {
    budget: [20, 200],
    titles: [(p) => `对${p.village}山塘进行清淤扩容`, (p) => `修缮${p.village}农田灌溉渠道`, (p) => `解决${p.otherVillage}${p.group}农田灌溉用水不足问题`],
    ask: () => "建议安排小型水利工程资金，对山塘和渠道进行清淤整修，保障农业生产用水",
    work: (p, r) => `对${p.village}等地${r.int(2, 8)}口山塘进行清淤扩容，硬化灌溉渠道${km(r, 0.5, 4)}`,
    result: (_p, r) => `新增蓄水约${r.int(1, 6)}万立方米，改善灌溉面积${r.int(200, 1500)}亩`,
    obstacle: (_p, r) => `所涉山塘坝体需整体除险加固，估算投资${wan(r, 150, 600)}，需申报省级小型水库除险加固项目`,
  },
  water: {
    budget: [40, 500],
    titles: [(p) => `将${p.townShort}集镇供水管网延伸至${p.village}`, (p) => `解决${p.village}${p.group}饮水安全问题`, (p) => `改造${p.townShort}水厂提升${p.village}等村供水能力`, (p) => `解决${p.townShort}集镇${p.street}一带夏季用水高峰停水问题`],
    ask: () => "建议加快农村供水管网延伸和水厂改造，保障群众饮水安全",
    work: (p, r) => `从${p.townShort}水厂铺设供水主管网${km(r, 1, 9)}，新建加压泵站${r.int(1, 2)}座，将${p.village}纳入集中供水范围`,
    result: (_p, r) => `已于近期实现通水，新增受益群众${r.int(120, 1100)}户，水质经检测符合国家标准`,
    obstacle: (_p, r) => `该片区地势较高、居住分散，管网延伸需投入约${wan(r, 200, 800)}，需待城乡供水一体化项目实施后统筹解决`,
  },
  housing: {
    budget: [20, 300],
    titles: [(p) => `加强${p.village}农村自建房安全隐患整治`, { title: (p) => `将${p.townShort}集镇${p.street}老旧小区纳入改造计划`, work: (p, r) => `将${p.townShort}集镇${p.street}老旧小区纳入改造计划，改造供排水管网${km(r, 0.5, 3)}、加装电梯${r.int(2, 8)}部` }, (p) => `加快${p.village}危房改造进度`],
    ask: () => "建议组织专业力量开展排查，分类整治存在安全隐患的房屋，并将老旧小区纳入改造计划",
    work: (p, r) => `组织技术人员对${p.town}${r.int(120, 900)}栋自建房开展安全排查，对其中${r.int(5, 40)}栋存在隐患的房屋实施加固整治`,
    result: (_p, r) => `排查发现的隐患已全部整改销号，${r.int(20, 120)}户群众住房安全得到保障`,
    obstacle: (_p, r) => `所涉小区产权复杂、居民出资意愿不一，改造需投入约${wan(r, 300, 1500)}，需待居民意见统一后申报`,
  },
  traffic: {
    budget: [10, 150],
    titles: [(p) => `缓解${p.school}周边上下学时段交通拥堵`, (p) => `规范${p.townShort}集镇${p.street}停车秩序`, (p) => `在${p.road}${p.town}路口设置交通信号灯`],
    ask: () => "建议优化交通组织，增设停车泊位和交通安全设施，加强高峰时段疏导",
    work: (p, r) => `在${p.school}周边新增临时停车泊位${r.int(20, 120)}个、设置护学岗${r.int(1, 4)}处，在${p.road}${p.town}路口安装信号灯${r.int(1, 3)}组`,
    result: () => "上下学高峰时段通行时间明显缩短，周边交通秩序好转",
    obstacle: () => "该路口改造涉及道路红线调整和征地拆迁，需纳入城区路网改造规划统筹实施",
  },
  environment: {
    budget: [10, 120],
    titles: [(p) => `加强${p.river}${p.town}段河道保洁`, (p) => `解决${p.village}生活垃圾清运不及时问题`, (p) => `整治${p.townShort}集镇${p.street}市容环境`, (p) => `治理${p.otherVillage}养殖污染`],
    ask: () => "建议落实河长制和环境卫生长效管护机制，增加保洁力量和垃圾收集设施",
    work: (p, r) => `为${p.river}${p.town}段配备专职保洁员${r.int(2, 8)}名，在${p.village}新增垃圾收集点${r.int(4, 20)}个，垃圾清运频次由每周${r.int(1, 2)}次增加到每日1次`,
    result: (_p, r) => `累计清理河道漂浮物${r.int(5, 60)}吨，群众反映的问题已整改到位`,
    obstacle: (_p, r) => `建设集镇污水处理设施需投入约${wan(r, 400, 1500)}，已申报中央水污染防治资金`,
  },
  schooling: {
    budget: [30, 600],
    titles: [(p) => `改善${p.school}办学条件`, (p) => `为${p.school}补充学科教师`, { title: (p) => `增加${p.kindergarten}普惠性学位`, work: (p, r) => `为${p.kindergarten}新增普惠性学位${r.int(30, 150)}个、补充保教人员${r.int(2, 8)}名` }, (p) => `解决${p.village}学生上学路途远问题`],
    ask: () => "建议加大投入，改善办学条件，补足配齐教师，满足适龄儿童就近入学需求",
    work: (p, r) => `为${p.school}改造教室${r.int(4, 16)}间、新增学位${r.int(40, 240)}个，补充教师${r.int(2, 9)}名`,
    result: () => "新学期已投入使用，办学条件明显改善",
    obstacle: (_p, r) => `新建校舍需新增用地约${r.int(5, 20)}亩，须待国土空间规划调整后实施`,
  },
  medical: {
    budget: [20, 300],
    titles: [(p) => `提升${p.clinic}医疗服务能力`, (p) => `为${p.clinic}配齐常用药品和医务人员`, (p) => `在${p.clinic}开设慢性病专科门诊`],
    ask: () => "建议充实基层医疗卫生人才，配齐设备和常用药品，让群众在家门口看得上病",
    work: (p, r) => `为${p.clinic}招聘全科医生${r.int(1, 5)}名，配备数字化X光机等设备${r.int(2, 6)}台（套），常用药品增至${r.int(80, 260)}种`,
    result: (_p, r) => `县级医院专家每周坐诊${r.int(1, 3)}次，群众就近就医需求基本得到满足`,
    obstacle: () => "全科医生招聘受编制和薪酬待遇限制，需通过县域医共体人才统筹逐步解决",
  },
  elderly: {
    budget: [10, 120],
    titles: [(p) => `在${p.village}建设老年食堂`, (p) => `将${p.town}敬老院改造为区域养老服务中心`, (p) => `加强${p.village}独居老人关爱服务`, (p) => `在${p.otherVillage}设立居家养老服务站`],
    ask: () => "建议完善居家养老服务设施，提高补贴标准，为独居和高龄老人提供助餐、照料服务",
    work: (p, r) => `在${p.village}建成居家养老服务站和老年食堂，可为${r.int(30, 150)}名老人提供助餐服务；高龄补贴由每人每月${r.pick(["50", "80", "100"])}元提高到${r.pick(["120", "150", "200"])}元`,
    result: (_p, r) => `已为辖区${r.int(40, 300)}名独居老人建立定期探访制度`,
    obstacle: (_p, r) => `全县提高高龄补贴标准每年需新增财政支出约${wan(r, 300, 900)}，需结合财力统筹研究`,
  },
  employment: {
    budget: [5, 60],
    titles: [
      { title: (p) => `在${p.village}开展家门口就业技能培训`, work: (p, r) => `在${p.village}开展电工、家政、电商等技能培训${r.int(2, 8)}期、培训${r.int(80, 400)}人`, result: (_p, r) => `参训人员中已有${r.int(30, 200)}人实现就业`, obstacle: () => "部分培训项目需待职业技能提升专项资金下达后开展" },
      (p) => `督促解决${p.road}改造工程拖欠农民工工资问题`,
      { title: (p) => `在${p.village}建设就业帮扶车间`, work: (p, r) => `在${p.village}建成就业帮扶车间${r.int(1, 2)}个，引进来料加工企业${r.int(1, 3)}家`, result: (_p, r) => `吸纳${r.int(20, 80)}名群众在家门口就业`, obstacle: () => "帮扶车间须有企业入驻，目前尚在招商洽谈" },
    ],
    ask: () => "建议围绕本地产业开展订单式技能培训，畅通欠薪投诉渠道，保障农民工工资按时足额支付",
    work: (_p, r) => `督促施工企业和建设单位支付拖欠的农民工工资${wan(r, 20, 300)}，涉及农民工${r.int(20, 150)}人`,
    result: () => "欠薪案件已全部办结，工资已足额发放到位",
    obstacle: () => "涉及企业已进入破产清算程序，拖欠工资须依法通过清算程序解决",
  },
  agriculture: {
    budget: [10, 100],
    titles: [(p) => `扶持${p.village}特色种植产业发展`, (p) => `拓宽${p.village}农产品销售渠道`, (p) => `为${p.otherVillage}种植大户提供农技指导`],
    ask: () => "建议加强产销对接和技术服务，扶持村集体和种植大户发展特色产业",
    work: (p, r) => `组织${r.int(2, 6)}家龙头企业与${p.village}签订订单收购协议，收购黄豆等农产品${r.int(30, 300)}吨，派出农技人员${r.int(10, 60)}人次开展现场指导`,
    result: (_p, r) => `${r.int(100, 600)}亩特色种植基地实现稳产增收`,
    obstacle: () => "冷链仓储设施建设须纳入县级农产品产地冷藏保鲜项目统筹安排",
  },
  economy: {
    budget: undefined,
    titles: [
      (p) => `在${p.town}便民服务中心设立涉企服务专窗`,
      { title: (p) => `破解${p.townShort}工业集中区中小企业融资难题`, work: (_p, r) => `组织银企对接会${r.int(2, 6)}场，为${r.int(20, 150)}家中小企业发放贷款${r.int(1, 9)}.${r.int(0, 9)}亿元` },
      { title: (p) => `支持${p.village}村集体经济发展壮大`, work: (p, r) => `安排村集体经济发展扶持资金${wan(r, 20, 100)}，支持${p.village}发展光伏发电和农产品加工项目`, result: (_p, r) => `村集体经济年收入预计增加${r.int(5, 30)}万元` },
      { title: (p) => `帮助${p.townShort}集镇${p.street}个体工商户纾困解难`, work: (_p, r) => `为${r.int(30, 200)}户个体工商户落实减税降费政策，减免税费${wan(r, 10, 80)}` },
    ],
    ask: () => "建议精简审批环节，搭建银企对接平台，切实帮助企业纾困解难",
    work: (p, r) => `在${p.town}便民服务中心设立涉企服务专窗，推行“一件事一次办”，将企业开办时间压缩至${r.int(1, 3)}个工作日`,
    result: () => "企业反映的审批、融资问题已逐一回应",
    obstacle: () => "所涉审批事项属上级部门权限，我局已将意见报送上级部门研究",
  },
  projects: {
    budget: undefined,
    titles: [(p) => `加快${p.village}民生实事项目建设进度`, (p) => `公开${p.village}“一事一议”项目资金使用情况`, (p) => `加快${p.road}${p.townShort}段改造项目建设`, (p) => `将${p.village}便民服务中心建设列入民生实事项目`],
    ask: () => "建议实行项目月调度、季通报，按规定公开资金使用情况，接受代表和群众监督",
    work: (_p, r) => `建立民生实事项目月调度、季通报制度，对${r.int(2, 6)}个进度滞后项目挂牌督办，公开项目资金使用情况${r.int(10, 40)}条`,
    result: () => "滞后项目已按序时进度推进，资金使用情况已在政府门户网站公开",
    obstacle: () => "部分项目资金需待上级专项资金下达后拨付",
  },
  safety: {
    budget: [10, 120],
    titles: [
      (p) => `在${p.village}安装治安监控探头`,
      { title: (p) => `排查整治${p.townShort}集镇${p.street}小作坊消防安全隐患`, work: (p, r) => `对${p.townShort}集镇${p.street}一带${r.int(10, 60)}家小作坊开展消防安全检查，督促整改隐患${r.int(10, 80)}处`, obstacle: () => "部分小作坊需整体搬迁入园，需待园区标准厂房建成后实施" },
      { title: (p) => `加强${p.village}夜间治安巡逻`, work: (p, r) => `组建${p.village}群防群治巡逻队${r.int(1, 3)}支、队员${r.int(10, 40)}名，派出所每晚巡逻${r.int(1, 3)}次` },
    ],
    ask: () => "建议完善技防设施，加强巡逻防控和消防安全检查，消除安全隐患",
    work: (p, r) => `在${p.village}新装高清监控探头${r.int(6, 30)}个并接入“雪亮工程”平台`,
    result: () => "辖区治安和消防安全形势总体平稳",
    obstacle: (_p, r) => `全域监控覆盖需投入约${wan(r, 100, 400)}，将分年度逐步实施`,
  },
  culture: {
    budget: [10, 200],
    titles: [
      (p) => `更新${p.village}文化广场健身器材`,
      { title: (p) => `修缮保护${p.village}革命旧址`, work: (p) => `按文物保护要求对${p.village}革命旧址进行修缮，完成屋面、墙体加固和陈列布展`, result: () => "旧址已对外开放，成为党史学习教育基地" },
      { title: (p) => `在${p.village}建设村级文化活动中心`, work: (p, r) => `在${p.village}建成村级综合文化服务中心，面积${r.int(150, 500)}平方米，配备图书${r.int(10, 30)}00册`, obstacle: () => "建设用地尚未落实，需待村庄规划调整后实施" },
    ],
    ask: () => "建议加强基层文化设施建设和红色资源保护利用，经常性开展文化惠民活动",
    work: (p, r) => `为${p.village}文化广场更新健身器材${r.int(6, 20)}套，开展送戏下乡、送电影下乡${r.int(8, 40)}场`,
    result: () => "群众文化活动场所条件明显改善",
    obstacle: () => "所需资金较大，将分年度纳入公共文化设施建设计划",
  },
  food: {
    budget: [20, 300],
    titles: [
      (p) => `加强${p.school}周边食品安全监管`,
      { title: (p) => `对${p.market}进行提质改造`, work: (p) => `对${p.market}进行提质改造，更新摊位、硬化地面、完善排水和冷链设施`, result: () => "市场环境明显改善，群众买菜更方便", obstacle: () => "农贸市场整体搬迁涉及新址用地，需纳入集镇规划统筹解决" },
      { title: (p) => `规范${p.townShort}集镇${p.street}流动摊贩经营秩序`, work: (p, r) => `在${p.townShort}集镇${p.street}附近划定临时疏导摊区${r.int(1, 3)}处、规范摊位${r.int(20, 80)}个` },
    ],
    ask: () => "建议开展专项整治，规范流动摊贩和市场经营，保障群众“舌尖上的安全”",
    work: (p, r) => `对${p.school}周边开展食品安全专项整治，检查经营户${r.int(10, 50)}家，清理流动摊贩${r.int(5, 30)}处`,
    result: () => "市场环境和经营秩序明显改善，群众满意度提升",
    obstacle: () => "校园周边流动摊贩整治需多部门联合执法，将建立常态化监管机制逐步解决",
  },
  land: {
    budget: undefined,
    titles: [
      (p) => `缩短${p.town}农村宅基地审批时限`,
      { title: (p) => `治理${p.village}耕地撂荒问题`, work: (p, r) => `组织${p.village}复耕撂荒地${r.int(100, 900)}亩，落实耕地地力保护补贴`, result: () => "复耕土地已全部种上粮食作物", obstacle: () => "部分撂荒地位于高坡、灌溉条件差，需结合高标准农田建设逐步复耕" },
      (p) => `规范${p.village}农村建房用地管理`,
      { title: (p) => `对${p.otherVillage}${p.group}水毁耕地进行复垦`, work: (p, r) => `对${p.otherVillage}${p.group}水毁耕地${r.int(20, 200)}亩进行复垦，修复田间道路和灌排沟渠`, result: () => "复垦耕地已恢复耕种", obstacle: (_p, r) => `水毁耕地复垦需投入约${wan(r, 50, 200)}，已申报省级灾后重建资金` },
    ],
    ask: () => "建议简化宅基地审批流程，加强耕地保护和撂荒地复耕复种",
    work: (_p, r) => `推行农村宅基地审批“一窗受理、并联审批”，审批时限压缩至${r.int(10, 20)}个工作日`,
    result: () => "群众建房审批难问题得到有效解决",
    obstacle: () => "宅基地审批程序由法律法规规定，部分环节无法压缩",
  },
  broadband: {
    budget: [30, 300],
    titles: [(p) => `提升${p.village}移动网络信号覆盖`, (p) => `推进${p.village}光纤宽带进组入户`, (p) => `在${p.otherVillage}建设数字乡村服务点`],
    ask: () => "建议协调通信运营商加快基站建设和光纤延伸，补齐山区网络短板",
    work: (p, r) => `协调通信运营商在${p.village}新建5G基站${r.int(1, 4)}座，延伸光纤${km(r, 2, 15)}，实现${r.int(3, 12)}个村民小组宽带全覆盖`,
    result: () => "群众反映的信号差、网速慢问题已解决",
    obstacle: () => "该区域地处山区、用户较少，运营商投资意愿不足，需争取电信普遍服务补偿试点资金",
  },
};

/** The texts of a topic (falls back to roads for an unknown key). */
export const textsOf = (topicKey: string): TopicTexts => TOPIC_TEXTS[topicKey] ?? (TOPIC_TEXTS["roads"] as TopicTexts);

/** The texts of one title of a topic: its title, and the reply's texts (its own where it has them). */
export const variantOf = (topicKey: string, index: number): Required<TitleVariant> & Pick<TopicTexts, "ask" | "budget"> => {
  const t = textsOf(topicKey);
  const entry = t.titles[index % t.titles.length] ?? (t.titles[0] as TitleVariant);
  const v: TitleVariant = typeof entry === "function" ? { title: entry } : entry;
  return { title: v.title, work: v.work ?? t.work, result: v.result ?? t.result, obstacle: v.obstacle ?? t.obstacle, ask: t.ask, budget: t.budget };
};
