// The "preparing the demo" screen of a first start, shown on every page until the demo game is loaded.
import { defineMessages } from './define.ts';

export default defineMessages(
  {
    'preparing.title': 'Preparing the demo',
    'preparing.intro':
      'A demo game of {players} players, {days} days and {servers} servers is being simulated and loaded. The dashboard opens by itself when it is ready.',
    'preparing.elapsed': 'Elapsed: {time}',
    'preparing.steps': 'Steps',
    'preparing.step.simulate': 'Simulate the game',
    'preparing.step.ingest': 'Load the files through the ingester',
    'preparing.step.stages': 'Compute the daily lifecycle stages',
    'preparing.step.models': 'Fit the lifetime models',
    'preparing.count.simulate': '{done} of {total} days',
    'preparing.count.ingest': '{done} of {total} files',
    'preparing.count.stages': '{done} of {total} days',
    'preparing.count.models': '{done} of {total} models',
    'preparing.status.waiting': 'Waiting',
    'preparing.status.running': 'Running · {time}',
    'preparing.status.done': 'Done in {time}',
    'preparing.current': 'Now: {name}',
    'error.preparing': 'The demo game is still being prepared; this page shows its data once it is loaded.',
  },
  {
    'preparing.title': '正在准备演示数据',
    'preparing.intro': '正在模拟并加载一个演示游戏：{players} 名玩家、{days} 天、{servers} 个服务器。准备完成后仪表盘会自动打开。',
    'preparing.elapsed': '已用时间：{time}',
    'preparing.steps': '步骤',
    'preparing.step.simulate': '模拟游戏数据',
    'preparing.step.ingest': '通过导入程序加载文件',
    'preparing.step.stages': '计算每日生命周期阶段',
    'preparing.step.models': '拟合生命周期价值模型',
    'preparing.count.simulate': '{done}/{total} 天',
    'preparing.count.ingest': '{done}/{total} 个文件',
    'preparing.count.stages': '{done}/{total} 天',
    'preparing.count.models': '{done}/{total} 个模型',
    'preparing.status.waiting': '等待中',
    'preparing.status.running': '进行中 · {time}',
    'preparing.status.done': '已完成，用时 {time}',
    'preparing.current': '当前：{name}',
    'error.preparing': '演示数据仍在准备中；加载完成后此页面将显示数据。',
  },
);
