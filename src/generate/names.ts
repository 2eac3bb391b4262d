/**
 * Word pools for synthetic people, places, topics and outlets. Every character
 * here is in GBK (the GBK tests encode the whole sample bundle), and nothing
 * names a real person. Place names are fictional combinations.
 */
import type { Rng } from './random.js';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建国峰宇浩凯健俊帆琳晨欣悦雪婷倩颖琪慧佳文斌志海波云飞亮成林新春立德永宁安康乐兰梅晓东阳光荣丹青松蕾振华';

/** A Chinese personal name: surname + one or two given characters. */
export function personName(rng: Rng): string {
  const s = SURNAMES[rng.int(0, SURNAMES.length - 1)];
  const g1 = GIVEN[rng.int(0, GIVEN.length - 1)];
  return rng.chance(0.7) ? `${s}${g1}${GIVEN[rng.int(0, GIVEN.length - 1)]}` : `${s}${g1}`;
}

const PLACE_A = '青柳云东南西北石白金玉龙凤清安平永兴长新宁丰广福瑞华德泰和明阳江';
const PLACE_B = '河阳川溪源泉湾口塘坪岗岭山湖城桥林田沙洲浦港津渡水坝堡营庄集镇埠亭关屯陵';

/**
 * The n-th synthetic place name (two characters, a third once the pairs run
 * out). A bijection of n, so names never repeat within one run.
 */
export function placeName(n: number): string {
  const a = PLACE_A.length;
  const b = PLACE_B.length;
  const first = PLACE_A[n % a];
  const second = PLACE_B[Math.floor(n / a) % b];
  const rest = Math.floor(n / (a * b));
  return rest === 0 ? `${first}${second}` : `${first}${second}${PLACE_A[(rest - 1) % a]}${rest > a ? rest : ''}`;
}

/** Departments (内设科室) of a PBoC city central branch. */
export const DEPARTMENTS = [
  '办公室',
  '货币信贷科',
  '会计财务科',
  '金融稳定科',
  '调查统计科',
  '支付结算科',
  '国库科',
  '货币金银科',
  '外汇管理科',
  '征信管理科',
  '反洗钱科',
  '人事科',
] as const;

/** Study content; some carry an ASCII comma so that writers must quote them. */
export const TOPICS_COMMON = [
  '学习《中国共产党章程》',
  '学习《中国共产党纪律处分条例》',
  '学习《中国共产党支部工作条例》',
  '金融法律法规学习',
  '反洗钱业务培训',
  '征信知识讲座',
  '支付结算业务学习',
  '国库业务知识学习',
  '数字人民币业务学习',
  '保密教育',
  '网络安全知识学习',
  '金融消费者权益保护',
  '普惠金融政策解读',
  '读书分享,交流研讨',
  '警示教育片观看,讨论发言',
  '廉政党课',
  '优秀党员事迹学习',
] as const;

export const TOPICS_BY_YEAR: Record<number, string[]> = {
  2021: ['党史学习教育专题学习', '学习庆祝建党100周年大会讲话精神'],
  2022: ['学习党的二十大报告', '迎接党的二十大专题学习'],
  2023: ['主题教育专题学习', '学习党的二十大精神', '调查研究专题学习'],
  2024: ['党纪学习教育', '学习党的二十届三中全会精神'],
  2025: ['深入贯彻中央八项规定精神学习教育', '学习党的二十届三中全会精神'],
};

export const RESEARCH_SUBJECTS = [
  '县域普惠金融发展',
  '数字人民币试点推广',
  '征信体系建设',
  '跨境人民币结算便利化',
  '反洗钱监管实践',
  '国库集中收付',
  '金融消费者权益保护',
  '绿色金融发展',
  '乡村振兴金融服务',
  '货币政策传导效率',
  '小微企业融资',
  '现金服务质量',
  '金融风险监测',
  '党建与业务融合',
  '学习型党组织建设',
  '支付服务适老化',
  '外汇收支形势',
  '民营企业融资成本',
] as const;

export const PAPER_TEMPLATES = ['关于{s}的思考', '{s}的实践与探索', '浅析{s}', '{s}存在的问题及对策', '对{s}的调查与建议'];
export const REPORT_TEMPLATES = ['{p}{s}情况调研', '关于{p}{s}的调研报告', '{p}{s}问题研究', '{s}的{p}实践'];
export const PRACTICE_TEMPLATES = ['{p}推进{s}的经验做法', '{s}“{p}模式”经验总结'];

/** Outlets by level (fictional provincial/city titles). */
export const VENUES: Record<string, string[]> = {
  国家级: ['中国金融', '金融时报', '中国金融家', '中国城乡金融报'],
  核心: ['南方金融', '上海金融', '武汉金融', '金融理论与实践'],
  CSSCI: ['金融研究', '国际金融研究', '金融经济学研究'],
  省级: ['江海金融', '时代金融', '金融纵横', '江海经济报'],
  市级: ['江海日报', '江海金融研究', '江海市社科通讯'],
  内部: ['江海中支学习简报', '支行工作动态', '党建园地', '学习园地'],
};

export const PAPER_KINDS = ['论文', '理论文章', '体会文章', '信息'] as const;
