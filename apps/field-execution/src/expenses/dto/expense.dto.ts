import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { EXPENSE_CATEGORIES, type ExpenseCategory } from '../domain/expense-money.js';

export class ExpenseIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be an expense id (UUID)' }) id: string;
}

export class RecordExpenseInput {
  @ApiProperty({ enum: EXPENSE_CATEGORIES })
  @IsIn(EXPENSE_CATEGORIES)
  category: ExpenseCategory;

  @ApiProperty({ description: "Decimal string in `currency`, at most its minor units (never a JSON number)", example: '1850.00' })
  @IsString({ message: 'amount must be a decimal string such as "1850.00", not a JSON number' })
  amount: string;

  @ApiProperty({ description: 'ISO 4217, the currency paid in', example: 'INR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as INR' })
  currency: string;

  @ApiPropertyOptional({
    description: "Order currency units per 1 unit of `currency`; required when `currency` is not the order's (decimal string)",
    example: '90.5',
  })
  @IsOptional()
  @IsString({ message: 'exchangeRate must be a decimal string such as "90.5"' })
  exchangeRate?: string;

  @ApiPropertyOptional({ description: 'Receipt number or document reference', maxLength: 200, example: 'RCPT-PUNE-4471' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  receiptReference?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;
}

export class EditExpenseInput extends PartialType(RecordExpenseInput) {}

export class CorrectExpenseInput extends RecordExpenseInput {
  @ApiProperty({ description: 'What was wrong with the expense it corrects', maxLength: 1000 })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(1000)
  reason: string;
}
