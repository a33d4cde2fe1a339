export { compileFilter, type CompiledFilter, type FilterSubject } from './display-filter-evaluate';
export { DisplayFilterError } from './display-filter-lexer';
export { ROW_FIELDS } from './display-filter-fields';
