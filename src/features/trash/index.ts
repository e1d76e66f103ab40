export { TrashDetail } from './TrashDetail'
